package packettest

func publishCases() []Case { return nil }

func ackCases() []Case { return nil }
