package packettest

func connectCases() []Case { return nil }

func connackCases() []Case { return nil }
