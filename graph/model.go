package graph

import "github.com/circle-cli/circle/assess"

// model is what the map draws, with display text already made.
type model struct {
	people []person
	// gaps are the findings drawn on the rings: every gap, as a
	// placeholder where the missing support belongs, and every warning
	// that names someone, beside the people it names.
	gaps []gapNode
	// watch are the titles of the warnings that name nobody (a feeling,
	// not a person): listed under the map's title.
	watch []string
	// ties are the pairs of people who know each other.
	ties   []tie
	power  bool // anyone with a formal power relation
	almost bool // anyone who almost counted for a gap
}

type person struct {
	name, relation string
	side           assess.Side
	ring           assess.Ring
	power          bool
	// almost is someone who almost counted for an open gap: a small tag
	// on their box says so.
	almost   bool
	strength float64
	// note is an optional third line under the relationship, such as
	// "new" on a change map; the box grows to hold it.
	note string
	// losses are lines under the note on a change map: what this person
	// gives less of since the earlier result ("candour 4→2", "no
	// longer: thinking partner"); the box grows to hold them.
	losses []string
}

type gapNode struct {
	lines    []string
	side     assess.Side
	ring     assess.Ring
	severity string
	// finding is the index of the finding in the result's findings.
	finding int
	// beside, for a warning that names people, are their indices in
	// model.people: the warning sits beside the first, with a dashed line
	// to each.
	beside []int
}

// maxGapWidth is the widest line of a gap's title, in points.
const maxGapWidth = 140

// onceAPeer is added to the relationship of someone who was the leader's
// peer before the leader took the role.
const onceAPeer = ", once a peer"

// relationLine is the second line of a person's box: what they are to
// the leader, and whether they were once a peer.
func relationLine(p assess.ResultPerson) string {
	if p.WasPeer {
		return relationText(p.Relationship) + onceAPeer
	}
	return relationText(p.Relationship)
}

func newModel(r *assess.Result) *model {
	m := &model{}
	index := map[string]int{}
	for i, p := range r.People {
		m.people = append(m.people, person{
			name:     DisplayName(p.Name),
			relation: relationLine(p),
			side:     normSide(p.Side),
			ring:     normRing(p.Ring),
			power:    p.Power.HasPower(),
			strength: p.Strength,
		})
		m.power = m.power || p.Power.HasPower()
		if _, dup := index[assess.NameKey(p.Name)]; !dup {
			index[assess.NameKey(p.Name)] = i
		}
	}
	for i, g := range r.Findings {
		if g.Severity == assess.SeverityGap {
			for _, a := range g.Almost {
				if j, ok := index[assess.NameKey(a.Name)]; ok {
					m.people[j].almost = true
					m.almost = true
				}
			}
		}
		node := gapNode{lines: gapLines(g), side: normSide(g.Placeholder.Side), ring: normRing(g.Placeholder.Ring), severity: assess.SeverityGap, finding: i}
		if g.Severity != assess.SeverityWarning {
			m.gaps = append(m.gaps, node)
			continue
		}
		node.severity = assess.SeverityWarning
		for _, name := range g.People {
			if j, ok := index[assess.NameKey(name)]; ok {
				node.beside = append(node.beside, j)
			}
		}
		if len(node.beside) == 0 {
			if t := cleanText(g.Title); t != "" {
				m.watch = append(m.watch, t)
			}
			continue
		}
		first := m.people[node.beside[0]]
		node.side, node.ring = first.side, first.ring
		m.gaps = append(m.gaps, node)
	}
	m.ties = modelTies(r, index)
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
