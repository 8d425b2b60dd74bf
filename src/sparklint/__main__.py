from sparklint.cli import main

main()
