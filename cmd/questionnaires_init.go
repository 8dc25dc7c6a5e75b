package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"regexp"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/store"
	"github.com/circle-cli/circle/questionnaires"
)

type questionnairesInitOptions struct {
	f    *Factory
	Name string
	File string
}

func newQuestionnairesInitCmd(f *Factory, runF func(*questionnairesInitOptions) error) *cobra.Command {
	opts := &questionnairesInitOptions{f: f}
	c := &cobra.Command{
		Use:   "init NAME",
		Short: "Write an editable copy of the default questionnaire",
		Long: `Write NAME.yaml: a copy of the default questionnaire with id NAME, version 1
and a comment on every field, to change as you like. Check it with
'circle questionnaires validate NAME.yaml' and use it with
'circle assess --questionnaire NAME.yaml'. An existing file is never
overwritten.`,
		Example: `  circle questionnaires init team-leads
  circle questionnaires init board-chairs -o ~/circle/board-chairs.yaml`,
		Args: exactArgs(1, "the new questionnaire's name, such as team-leads"),
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Name = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runQuestionnairesInit(opts)
		},
	}
	c.Flags().StringVarP(&opts.File, "out", "o", "", "write to `FILE` instead of NAME.yaml")
	return c
}

var initNameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

func runQuestionnairesInit(opts *questionnairesInitOptions) error {
	if !initNameRE.MatchString(opts.Name) {
		return usageErrorf("%q cannot be a questionnaire id; use lower-case letters, digits, - and _, such as team-leads", opts.Name)
	}
	file := opts.File
	if file == "" {
		file = opts.Name + ".yaml"
	}
	data, err := annotatedQuestionnaire(opts.Name)
	if err != nil {
		return err
	}
	if err := store.CreateFile(file, data); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s already exists; choose another name or -o FILE (circle never overwrites it)", file)
		}
		return fmt.Errorf("cannot write %s: %w", file, err)
	}
	fmt.Fprintf(opts.f.IO.Out, "Wrote %s. Change it, then check it with:\n  circle questionnaires validate %s\nand use it with:\n  circle assess --questionnaire %s\n", file, file, file)
	return nil
}

// fieldDocs explains every field of a questionnaire. Keys are paths with
// list positions written as []; a list item's field is explained where it
// first appears, so the comments do not drown the content.
var fieldDocs = map[string]string{
	"id":                          "Short name of this questionnaire: lower-case letters, digits, - and _. Every result records it.",
	"version":                     "Raise it whenever questions or rules change: results record it, and compare says when two results used different versions.",
	"title":                       "Shown at the top of the interview.",
	"intro":                       "Shown before the first question: why, how long it takes, and that everything stays on this machine.",
	"relationships":               "What a person can be to the leader. Diversity counts how many of these types are defined.",
	"relationships[].id":          "Used in answers files and in gap rules.",
	"relationships[].label":       "What the interview shows.",
	"relationships[].side":        "internal (inside the leader's organization) or external (outside it).",
	"relationships[].power":       "true when the person has a reporting or formal power relation with the leader.",
	"relationships[].system":      "The social world the tie comes from; the network type counts distinct systems (3 or more is a wide range).",
	"functions":                   "The kinds of support a person can give. External coverage is the share of these that someone outside gives.",
	"functions[].id":              "Used in answers files, generators and gap rules.",
	"functions[].label":           "What the interview shows.",
	"generators":                  "Questions that ask for people. People named earlier are offered again, so nobody is typed twice.",
	"generators[].id":             "A unique name for the question.",
	"generators[].question":       "The question as asked.",
	"generators[].help":           "Optional: shown when the leader types ? at the prompt.",
	"generators[].functions":      "Pre-ticked later for everyone named here; the leader can change them.",
	"person":                      "Asked about each person; {name} is replaced by their name.",
	"person.intro":                "Optional: shown before the first person.",
	"person.relationship":         "Answered with one of the relationships above.",
	"person.ring":                 "Answered inner, middle or outer (the convoy model's three circles).",
	"person.frequency":            "Answered weekly, monthly, quarterly or rarely.",
	"person.candour":              "Answered 1 (chooses words carefully) to 5 (completely unfiltered).",
	"person.functions":            "Answered with any of the functions above.",
	"likert":                      "Statements answered 1 (strongly disagree) to 5 (strongly agree).",
	"likert.intro":                "Optional: shown before the first statement.",
	"likert.items":                "Each subscale becomes a score from 0 to 100: the mean answer (reverse items as 6 - a), rescaled.",
	"likert.items[].id":           "Used in answers files (scales:).",
	"likert.items[].text":         "The statement as shown.",
	"likert.items[].subscale":     "The score this statement counts towards, such as isolation.",
	"likert.items[].reverse":      "true when agreeing means less of the subscale.",
	"calibration":                 "Optional: the leader's guess of the outside share, 0 to 100, set beside the measured share.",
	"calibration.question":        "The question as asked; leave it out to skip the guess.",
	"calibration.help":            "Optional: shown when the leader types ?.",
	"reflection":                  "Optional free text, saved with the result and never scored.",
	"reflection.question":         "The question as asked; leave it out to skip it.",
	"rules":                       "Gap rules, checked in this order; gaps are listed before warnings.",
	"rules[].id":                  "A unique name; compare uses it to tell closed gaps from opened ones.",
	"rules[].kind":                "require: open when fewer than min_count people match. forbid: open when anyone matches. score: open when a score passes above or below.",
	"rules[].title":               "Short: shown in the summary and on the map's dashed placeholder.",
	"rules[].severity":            "gap or warning.",
	"rules[].advice":              "What would close it, concretely.",
	"rules[].match":               "Who counts. Any of: side, power, system, relationship, ring, candour_min, frequency, functions_any; a list means any of its values.",
	"rules[].match.side":          "internal or external.",
	"rules[].match.power":         "true: only people with power over the leader; false: only people without.",
	"rules[].match.system":        "One or more systems, such as personal.",
	"rules[].match.relationship":  "One or more relationship ids.",
	"rules[].match.ring":          "One or more of inner, middle, outer.",
	"rules[].match.frequency":     "One or more of weekly, monthly, quarterly, rarely.",
	"rules[].match.candour_min":   "The least candour, 1 to 5.",
	"rules[].match.functions_any": "Matches people who serve at least one of these functions.",
	"rules[].placeholder":         "Where the dashed placeholder sits on the map.",
	"rules[].placeholder.side":    "internal (left half) or external (right half).",
	"rules[].placeholder.ring":    "inner, middle or outer.",
	"rules[].min_count":           "For require rules: how many people must match (default 1).",
	"rules[].score":               "For score rules: balance, external_coverage, concentration, diversity, calibration_gap or a subscale.",
	"rules[].above":               "For score rules: open when the score is above this.",
	"rules[].below":               "For score rules: open when the score is below this.",
}

// annotatedQuestionnaire returns the default questionnaire renamed to name,
// in block style, with a comment on every field.
func annotatedQuestionnaire(name string) ([]byte, error) {
	src, err := questionnaires.Open(questionnaires.Default)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, err
	}
	root := doc.Content[0]
	clearComments(root)
	annotate(root, "", map[string]bool{})
	setScalar(root, "id", name)
	setScalar(root, "version", "1")
	setScalar(root, "title", "Your support circle ("+name+")")

	var b bytes.Buffer
	fmt.Fprintf(&b, "# The %s questionnaire, copied from circle's default (%s).\n", name, questionnaires.Default)
	b.WriteString("# Change any of it; check it with `circle questionnaires validate FILE`.\n\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	// What we write must load: the comments must not have broken it.
	if _, err := assess.ParseQuestionnaire(name+".yaml", b.Bytes()); err != nil {
		return nil, fmt.Errorf("internal error: the annotated copy does not validate: %w", err)
	}
	return b.Bytes(), nil
}

func clearComments(n *yaml.Node) {
	n.HeadComment, n.LineComment, n.FootComment = "", "", ""
	n.Style &^= yaml.FlowStyle
	for _, c := range n.Content {
		clearComments(c)
	}
}

// annotate puts each field's doc above the first key with its path, so a
// field of list items is explained once, where it first appears.
func annotate(n *yaml.Node, path string, done map[string]bool) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			p := k.Value
			if path != "" {
				p = path + "." + k.Value
			}
			if doc, ok := fieldDocs[p]; ok && !done[p] {
				k.HeadComment = wrapComment(doc)
				done[p] = true
			}
			annotate(v, p, done)
		}
	case yaml.SequenceNode:
		for _, item := range n.Content {
			annotate(item, path+"[]", done)
		}
	}
}

// wrapComment leaves room for the indentation of nested fields and "# ".
func wrapComment(s string) string { return wrapText(s, 72, "") }

func setScalar(m *yaml.Node, key, value string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content[i+1].Value = value
			m.Content[i+1].Style = 0
			return
		}
	}
}
