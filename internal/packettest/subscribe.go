package packettest

func subscribeCases() []Case { return nil }

func subackCases() []Case { return nil }

func unsubscribeCases() []Case { return nil }

func unsubackCases() []Case { return nil }
