package packettest

func propertyCases() []Case { return nil }
