// Package ordered writes a JSON object or a YAML mapping whose keys keep
// the order they were added in, where a Go map would sort them: scores are
// read in the order the questionnaire gives them.
package ordered

import (
	"bytes"
	"encoding/json"

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
