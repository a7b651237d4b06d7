import VGridCLI
VGridCommand.main()
