from fourd.cli import main

main()
