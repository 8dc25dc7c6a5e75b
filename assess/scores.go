package assess

import (
	"fmt"
	"math"

	"gopkg.in/yaml.v3"

	"github.com/circle-cli/circle/assess/ordered"
	"github.com/circle-cli/circle/assess/strictyaml"
)

// NamedScore is one score; a nil Value is a score that cannot be computed
// (a balance with nobody in the circle), shown as null.
type NamedScore struct {
	Name  string
	Value *float64
}

// Scores keeps scores in the order they are shown: the core scores, then
// one per Likert subscale. It is written as a mapping in that order.
type Scores []NamedScore

// Get returns the named score; ok is false when there is no such score.
func (s Scores) Get(name string) (v *float64, ok bool) {
	for _, n := range s {
		if n.Name == name {
			return n.Value, true
		}
	}
	return nil, false
}

// Rounded returns the scores rounded to 3 decimals, as results keep them.
func (s Scores) Rounded() Scores {
	out := make(Scores, len(s))
	for i, n := range s {
		out[i] = NamedScore{Name: n.Name}
		if n.Value != nil {
			out[i].Value = ptr(Round3(*n.Value))
		}
	}
	return out
}

// Round3 rounds to 3 decimals; -0 becomes 0 so that it never prints as -0.
func Round3(f float64) float64 {
	r := math.Round(f*1000) / 1000
	if r == 0 {
		return 0
	}
	return r
}

// MarshalJSON writes an object with the keys in order.
func (s Scores) MarshalJSON() ([]byte, error) { return s.ordered().MarshalJSON() }

// MarshalYAML writes a mapping with the keys in order.
func (s Scores) MarshalYAML() (any, error) { return s.ordered().MarshalYAML() }

func (s Scores) ordered() ordered.Map[*float64] {
	m := make(ordered.Map[*float64], len(s))
	for i, n := range s {
		m[i] = ordered.Entry[*float64]{Key: n.Name, Value: n.Value}
	}
	return m
}

// UnmarshalYAML reads a mapping of names to numbers or nulls, keeping order.
func (s *Scores) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: scores: want a mapping of score names to numbers", n.Line)
	}
	out := Scores{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		ns := NamedScore{Name: k.Value}
		if v.Tag != "!!null" {
			var f float64
			if err := v.Decode(&f); err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
				return fmt.Errorf("line %d: scores.%s: want a number or null", v.Line, strictyaml.OneLine(k.Value))
			}
			ns.Value = &f
		}
		out = append(out, ns)
	}
	*s = out
	return nil
}
