from policebench.cli import main

main()
