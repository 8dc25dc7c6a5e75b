package cmd

import (
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// A leader writing their own questionnaire from `init` should find every
// field explained where it first appears.
func TestInitCommentsEveryField(t *testing.T) {
	data, err := annotatedQuestionnaire("team-leads")
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	commented := map[string]bool{}
	var all []string
	var walk func(n *yaml.Node, path string)
	walk = func(n *yaml.Node, path string) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				p := strings.TrimPrefix(path+"."+k.Value, ".")
				if !commented[p] && !slices.Contains(all, p) {
					all = append(all, p)
				}
				if strings.TrimSpace(k.HeadComment) != "" {
					commented[p] = true
				}
				walk(n.Content[i+1], p)
			}
		case yaml.SequenceNode:
			for _, c := range n.Content {
				walk(c, path+"[]")
			}
		}
	}
	walk(doc.Content[0], "")
	for _, p := range all {
		if !commented[p] {
			t.Errorf("field %s has no comment", p)
		}
	}
	if !strings.Contains(string(data), "id: team-leads") || !strings.Contains(string(data), "version: 1") {
		t.Error("the copy should carry the new id and version 1")
	}
}
