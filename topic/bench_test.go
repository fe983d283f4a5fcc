package topic

import (
	"fmt"
	"strconv"
	"testing"
)

// fleetFilters returns n subscriptions of a device fleet, as (filter, client
// id) pairs: mostly exact topics fleet/<f>/sensor/<s>, plus per-fleet "+"
// and "#" watchers and a few cross-fleet "+" filters.
func fleetFilters(n int) (filters, ids []string) {
	const sensors = 100
	fleets := n / sensors
	for i := range n {
		f, s := (i/sensors)%fleets, i%sensors
		var filter string
		switch i % 20 {
		case 0, 1: // 10%: one fleet's sensor, any sensor number
			filter = fmt.Sprintf("fleet/%d/sensor/+", f)
		case 2: // 5%: everything about one fleet
			filter = fmt.Sprintf("fleet/%d/#", f)
		case 3: // 5%: one sensor number across fleets
			filter = fmt.Sprintf("fleet/+/sensor/%d", s)
		default: // 80%: one device
			filter = fmt.Sprintf("fleet/%d/sensor/%d", f, s)
		}
		filters = append(filters, filter)
		ids = append(ids, "client-"+strconv.Itoa(i))
	}
	return filters, ids
}

// fleetNames returns topic names published by the fleet of fleetFilters(n).
func fleetNames(n int) []string {
	const sensors = 100
	fleets := n / sensors
	names := make([]string, 1024)
	for i := range names {
		names[i] = fmt.Sprintf("fleet/%d/sensor/%d", (i*7919)%fleets, (i*31)%sensors)
	}
	return names
}

func BenchmarkTreeMatch(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("filters=%d", n), func(b *testing.B) {
			filters, ids := fleetFilters(n)
			var tr Tree[string, byte]
			for i := range filters {
				tr.Insert(filters[i], ids[i], 1)
			}
			names := fleetNames(n)
			matched := 0
			fn := func(string, byte) bool { matched++; return true }
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				tr.Match(names[i%len(names)], fn)
				i++
			}
			b.ReportMetric(float64(matched)/float64(i), "matches/op")
		})
	}
	b.Run("fanout=10000", func(b *testing.B) {
		var tr Tree[string, byte]
		for i := range 10_000 {
			tr.Insert("broadcast/+", "client-"+strconv.Itoa(i), 1)
		}
		matched := 0
		fn := func(string, byte) bool { matched++; return true }
		b.ReportAllocs()
		for b.Loop() {
			tr.Match("broadcast/all", fn)
		}
	})
}

func BenchmarkMatch(b *testing.B) {
	cases := []struct{ name, filter, topic string }{
		{"exact", "fleet/42/sensor/7", "fleet/42/sensor/7"},
		{"plus", "fleet/+/sensor/+", "fleet/42/sensor/7"},
		{"hash", "fleet/#", "fleet/42/sensor/7"},
		{"miss", "fleet/43/sensor/7", "fleet/42/sensor/7"},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(c.topic)))
			for b.Loop() {
				Match(c.filter, c.topic)
			}
		})
	}
}

func BenchmarkValidFilter(b *testing.B) {
	filter := "$share/group/fleet/+/sensor/#"
	b.ReportAllocs()
	b.SetBytes(int64(len(filter)))
	for b.Loop() {
		_ = ValidFilter(filter)
	}
}

func BenchmarkTreeInsert(b *testing.B) {
	filters, ids := fleetFilters(10_000)
	// new: insert a key and id absent from a 10k tree, then remove it, so
	// every iteration builds and prunes one fresh leaf.
	b.Run("new", func(b *testing.B) {
		var tr Tree[string, byte]
		for i := range filters {
			tr.Insert(filters[i], ids[i], 1)
		}
		fresh := make([]string, 1024)
		for i := range fresh {
			fresh[i] = fmt.Sprintf("fleet/%d/sensor/new%d", i%100, i)
		}
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			k := fresh[i%len(fresh)]
			tr.Insert(k, "newcomer", 1)
			tr.Remove(k, "newcomer")
			i++
		}
	})
	// replace: re-subscribe an existing (filter, id) pair.
	b.Run("replace", func(b *testing.B) {
		var tr Tree[string, byte]
		for i := range filters {
			tr.Insert(filters[i], ids[i], 1)
		}
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			j := i % len(filters)
			tr.Insert(filters[j], ids[j], 2)
			i++
		}
	})
	// build: a whole 10k-filter tree per iteration.
	b.Run("build=10000", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var tr Tree[string, byte]
			for i := range filters {
				tr.Insert(filters[i], ids[i], 1)
			}
		}
	})
}

func BenchmarkTreeScan(b *testing.B) {
	var tr Tree[string, byte]
	for f := range 100 {
		for s := range 100 {
			tr.Insert(fmt.Sprintf("fleet/%d/sensor/%d", f, s), "r", 1)
		}
	}
	for _, filter := range []string{"fleet/42/sensor/7", "fleet/42/sensor/+", "fleet/+/sensor/7", "fleet/42/#"} {
		b.Run(filter, func(b *testing.B) {
			n := 0
			fn := func(string, string, byte) bool { n++; return true }
			b.ReportAllocs()
			for b.Loop() {
				tr.Scan(filter, fn)
			}
		})
	}
}
