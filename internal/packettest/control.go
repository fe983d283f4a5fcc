package packettest

func pingCases() []Case { return nil }

func disconnectCases() []Case { return nil }

func authCases() []Case { return nil }
