package graph

import "github.com/circle-cli/circle/assess"

// model is what the map draws, with display text already made.
type model struct {
	people []person
	gaps   []gapNode
	power  bool // anyone with a formal power relation
}

type person struct {
	name, relation string
	side           assess.Side
	ring           assess.Ring
	power          bool
	strength       float64
	// note is an optional third line under the relationship, such as
	// "new" on a change map; the box grows to hold it.
	note string
}

type gapNode struct {
	lines    []string
	side     assess.Side
	ring     assess.Ring
	severity string
}

// maxGapWidth is the widest line of a gap's title, in points.
const maxGapWidth = 140

func newModel(r *assess.Result) *model {
	m := &model{}
	for _, p := range r.People {
		m.people = append(m.people, person{
			name:     DisplayName(p.Name),
			relation: relationText(p.Relationship),
			side:     normSide(p.Side),
			ring:     normRing(p.Ring),
			power:    p.Power,
			strength: p.Strength,
		})
		m.power = m.power || p.Power
	}
	for _, g := range r.Findings {
		lines := gapLines(g)
		sev := g.Severity
		if sev != assess.SeverityWarning {
			sev = assess.SeverityGap
		}
		m.gaps = append(m.gaps, gapNode{lines: lines, side: normSide(g.Placeholder.Side), ring: normRing(g.Placeholder.Ring), severity: sev})
	}
	return m
}

// gapLines is a gap's label: its title, wrapped; its id when the title is
// blank; "?" when both are.
func gapLines(g assess.Finding) []string {
	if lines := wrap(g.Title, gapSize, maxGapWidth, 3); len(lines) > 0 {
		return lines
	}
	if lines := wrap(g.ID, gapSize, maxGapWidth, 3); len(lines) > 0 {
		return lines
	}
	return []string{"?"}
}

func (m *model) has(severity string) bool {
	for _, g := range m.gaps {
		if g.severity == severity {
			return true
		}
	}
	return false
}

// normSide and normRing read a hand-edited result kindly: anything unknown
// is drawn inside, on the outer ring, rather than refused.
func normSide(s assess.Side) assess.Side {
	if s == assess.External {
		return s
	}
	return assess.Internal
}

func normRing(r assess.Ring) assess.Ring {
	switch r {
	case assess.Inner, assess.Middle:
		return r
	}
	return assess.Outer
}
