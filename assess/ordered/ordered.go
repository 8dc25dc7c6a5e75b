// Package ordered writes a JSON object or a YAML mapping whose keys keep
// the order they were added in, where a Go map would sort them: scores are
// read in the order the questionnaire gives them.
package ordered

import (
	"bytes"
	"encoding/json"
	"strings"

	"gopkg.in/yaml.v3"
)

// Entry is one key and its value.
type Entry[V any] struct {
	Key   string
	Value V
}

// Map is a list of entries written as an object or mapping, in order.
type Map[V any] []Entry[V]

// MarshalJSON writes an object with the keys in order.
func (m Map[V]) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, e := range m {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(e.Key)
		b.Write(k)
		b.WriteByte(':')
		v, err := json.Marshal(e.Value)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// MarshalYAML writes a mapping with the keys in order.
func (m Map[V]) MarshalYAML() (any, error) {
	n := &yaml.Node{Kind: yaml.MappingNode}
	for _, e := range m {
		var v yaml.Node
		if err := v.Encode(e.Value); err != nil {
			return nil, err
		}
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: e.Key}, &v)
	}
	return n, nil
}

// Nest groups the entries whose keys hold a dot (sources.inside,
// sources.personal) into one entry per first part (sources), a Map of the
// rest, where the first of them stood; other entries are kept as they are.
// A group for which null reports true is written as null.
func Nest[V any](m Map[V], null func(Map[V]) bool) Map[any] {
	var out Map[any]
	groups := map[string]int{}
	for _, e := range m {
		group, part, dotted := strings.Cut(e.Key, ".")
		if !dotted {
			out = append(out, Entry[any]{Key: e.Key, Value: e.Value})
			continue
		}
		i, ok := groups[group]
		if !ok {
			i = len(out)
			groups[group] = i
			out = append(out, Entry[any]{Key: group, Value: Map[V]{}})
		}
		out[i].Value = append(out[i].Value.(Map[V]), Entry[V]{Key: part, Value: e.Value})
	}
	for i, e := range out {
		if g, ok := e.Value.(Map[V]); ok && null != nil && null(g) {
			out[i].Value = nil
		}
	}
	return out
}
