package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strings"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/prose"
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
"circle assess --questionnaire NAME.yaml". An existing file is never
overwritten; -o - writes the copy to standard output. What to do next is
said on standard error.`,
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
	c.Flags().StringVarP(&opts.File, "out", "o", "", "write to `FILE` instead of NAME.yaml (- for standard output)")
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
	if file == "-" {
		_, err := opts.f.IO.Out.Write(data)
		return err
	}
	if err := writeOut(opts.f, file, data, true); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s already exists; choose another name or -o FILE (circle never overwrites it)", file)
		}
		return err
	}
	shown := oneLine(file)
	fmt.Fprintf(opts.f.IO.ErrOut, "Wrote %s. Change it, then check it with:\n  circle questionnaires validate %s\nand use it with:\n  circle assess --questionnaire %s\n", shown, shown, shown)
	return nil
}

// fieldDocs explains every field of a questionnaire. Keys are paths with
// list positions written as []; a list item's field is explained where it
// first appears, so the comments do not drown the content.
var fieldDocs = map[string]string{
	"id":                           "Short name of this questionnaire: lower-case letters, digits, - and _. Every result records it.",
	"version":                      "Raise it whenever questions or rules change: results record it, and compare says when two results used different versions.",
	"title":                        "Shown at the top of the interview.",
	"intro":                        "Shown before the first question: why, how long it takes, and that everything stays on this machine.",
	"rules[].steps":                "Optional: two to four concrete first steps offered when the finding is open; the leader may take one, or write their own.",
	"rerun_intro":                  "Optional: shown instead of intro when the interview starts from an earlier result: what a re-run asks, and how long it takes.",
	"relationships":                "What a person can be to the leader. Diversity counts how many of these types are defined.",
	"relationships[].id":           "Used in answers files and in rules.",
	"relationships[].label":        "What the interview shows.",
	"relationships[].side":         "internal (inside the leader's organization) or external (outside it).",
	"relationships[].power":        "over (they have formal power over the leader, like a manager), under (the leader has formal power over them, like a direct report) or none.",
	"relationships[].system":       "The social world the tie comes from; the network type counts distinct systems (3 or more is a wide range).",
	"functions":                    "The kinds of support a person can give. External coverage is the share of these that someone outside gives.",
	"functions[].id":               "Used in answers files, generators and rules.",
	"functions[].label":            "What the interview shows.",
	"generators":                   "Questions that ask for people. People named earlier are offered again, so nobody is typed twice.",
	"generators[].id":              "A unique name for the question.",
	"generators[].question":        "The question as asked.",
	"generators[].help":            "Optional: shown when the leader types ? at the prompt.",
	"generators[].functions":       "Pre-ticked later for everyone named here; the leader can change them.",
	"person":                       "Asked about each person; {name} is replaced by their name.",
	"person.intro":                 "Optional: shown before the first person.",
	"person.relationship":          "Answered with one of the relationships above.",
	"person.ring":                  "Answered inner, middle or outer (the convoy model's three circles).",
	"person.frequency":             "Answered weekly, monthly, quarterly or rarely, in the words of frequencies below.",
	"person.candour":               "Answered 1 (guarded) to 5 (completely unfiltered), in the words of candour_levels below.",
	"person.candour_help":          "Optional: shown beside the candour question, such as who counts as a confidant.",
	"person.rings":                 "Optional: the words of each ring as the interview offers it; without them, circle's own.",
	"person.rings.inner":           "The closest ring.",
	"person.rings.middle":          "The middle ring.",
	"person.rings.outer":           "The outer ring.",
	"person.frequencies":           "Optional: the words of each frequency band. Bands of conversations a year cover the whole year, so every rhythm has one.",
	"person.frequencies.weekly":    "20 or more conversations a year.",
	"person.frequencies.monthly":   "6 to 19 a year.",
	"person.frequencies.quarterly": "2 to 5 a year.",
	"person.frequencies.rarely":    "Once a year or less.",
	"person.candour_levels":        "Optional: the words of candour 1 to 5, exactly five.",
	"was_peer":                     "Optional: asked once, after the questions about each person. A leader promoted from within is asked which of their people used to be their peers.",
	"was_peer.promoted":            "The yes/no question.",
	"was_peer.promoted_help":       "Optional: shown above it.",
	"was_peer.former_peers":        "Asked after a yes: one list of the people among offers.",
	"was_peer.help":                "Optional: shown when the leader types ?.",
	"was_peer.among":               "Who is offered, by what they are to the leader: side, power, system or relationship.",
	"was_peer.among.side":          "internal or external.",
	"was_peer.among.power":         "One or more of over, under, none.",
	"person.functions":             "Answered with any of the functions above.",
	"ties":                         "Optional: who knows whom among the people, asked after the questions about each person of a circle of two or more. Without it the interview never asks, and the tie measures (effective size, efficiency, constraint, tie density) are left empty unless an answers file gives knows.",
	"ties.question":                "Asked once per person, listing only the people named after them, so that each pair is asked once; {name} is the person asked about.",
	"ties.help":                    "Optional: shown when the leader types ?.",
	"likert":                       "Statements answered 1 (strongly disagree) to 5 (strongly agree).",
	"likert.intro":                 "Optional: shown before the first statement.",
	"likert.subscales":             "Optional: each subscale's name and meaning, as the summary and report show them.",
	"likert.subscales[].id":        "The subscale, as the statements name it.",
	"likert.subscales[].label":     "Its name as shown, such as Isolation.",
	"likert.subscales[].meaning":   "What a high score means, in a few words.",
	"likert.items":                 "Each subscale becomes a score from 0 to 100: the mean answer (reverse items as 6 - a), rescaled.",
	"likert.items[].id":            "Used in answers files (scales:).",
	"likert.items[].text":          "The statement as shown.",
	"likert.items[].subscale":      "The score this statement counts towards, such as isolation.",
	"likert.items[].reverse":       "true when agreeing means less of the subscale.",
	"calibration":                  "Optional: the leader's guess of the outside share, 0 to 100, set beside the measured share.",
	"calibration.question":         "The question as asked; leave it out to skip the guess.",
	"calibration.help":             "Optional: shown when the leader types ?.",
	"reflection":                   "Optional free text, saved with the result and never scored.",
	"reflection.question":          "The question as asked; leave it out to skip it.",
	"rules":                        "Rules, checked in this order; gaps are listed before warnings.",
	"rules[].id":                   "A unique name; compare uses it to tell closed gaps from opened ones.",
	"rules[].kind":                 "require: open when fewer than min_count people match. forbid: open when anyone matches. count: open when the number who match lies within count. score: open when a score passes a bound. knows: open when someone who matches knows someone who matches knows (only once who knows whom is asked).",
	"rules[].title":                "Short: shown in the summary and on the map's dashed placeholder.",
	"rules[].severity":             "gap or warning.",
	"rules[].advice":               "What would close it, concretely.",
	"rules[].match":                "Who counts. Any of: side, power, system, relationship, was_peer, ring, candour_min, frequency, functions_any; a list means any of its values.",
	"rules[].match.side":           "internal or external.",
	"rules[].match.power":          "One or more of over (power over the leader), under (the leader's power over them) and none.",
	"rules[].match.was_peer":       "true: only people who were the leader's peers before the role; false: only people who were not.",
	"rules[].match.system":         "One or more systems, such as personal.",
	"rules[].match.relationship":   "One or more relationship ids.",
	"rules[].match.ring":           "One or more of inner, middle, outer.",
	"rules[].match.frequency":      "One or more of weekly, monthly, quarterly, rarely.",
	"rules[].match.candour_min":    "The least candour, 1 to 5.",
	"rules[].match.functions_any":  "Matches people who serve at least one of these functions.",
	"rules[].almost":               "For require rules: who almost counted. A person who passes every key of match not listed here, and misses one or more listed, is named with what is missing.",
	"rules[].almost.lead":          "What the person is, with {name} for their name.",
	"rules[].almost.system":        "What is missing when their system is not one of match's: one text, or one per answer (other: the rest).",
	"rules[].almost.candour_min":   "What is missing when they are less candid than candour_min, per candour or other.",
	"rules[].almost.frequency":     "What is missing when you talk less often than match asks, per frequency or other.",
	"rules[].almost.power":         "What is missing when the power between you is not one of match's, per power or other.",
	"rules[].almost.ring":          "What is missing when they are on another ring, per ring or other.",
	"rules[].strength":             "For require rules: said when the rule holds, with {names} for the people who satisfy it.",
	"rules[].knows":                "For knows rules: whom someone who matches must know for the rule to open, with the keys of match.",
	"rules[].knows.power":          "One or more of over (power over the leader), under and none.",
	"rules[].pair":                 "For knows rules: the words for each tie the rule finds, shown under the finding.",
	"rules[].pair.text":            "One sentence: {name} is the person the rule names, {knows} whom they know (both filled in when shown); {name_role} and {knows_role} are what each is to the leader, from roles.",
	"rules[].pair.roles":           "What each person is to the leader, per relationship id (other: the rest), as {name_role} and {knows_role} say it.",
	"rules[].count":                "For count rules: the numbers of matching people that open it, min and max (either may be left out).",
	"rules[].count.min":            "The least number that opens it.",
	"rules[].count.max":            "The most number that opens it.",
	"rules[].placeholder":          "Where a gap's dashed placeholder sits on the map; a warning sits beside the people it names.",
	"rules[].placeholder.side":     "internal (left half) or external (right half).",
	"rules[].placeholder.ring":     "inner, middle or outer.",
	"rules[].min_count":            "For require rules: how many people must match (default 1).",
	"rules[].score":                "For score rules: professional_coverage, outside_confidants, balance, external_coverage, concentration, diversity, calibration_gap, effective_size, efficiency, constraint, tie_density (null, so never open, when who knows whom was not asked), sources.inside and the other sources, or a subscale.",
	"rules[].above":                "For score rules: open when the score is above this.",
	"rules[].below":                "For score rules: open when the score is below this.",
	"rules[].at_least":             "For score rules: open when the score is this or more.",
	"rules[].at_most":              "For score rules: open when the score is this or less.",
	"rules[].min_people":           "For score rules: open only with at least this many people in the circle.",
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
	// How the default questionnaire's earlier versions read is its own
	// history, not the new one's.
	deleteKey(root, "earlier")
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
			doc, ok := fieldDocs[p]
			if !ok && strings.HasPrefix(path, "rules[].almost.") && !strings.Contains(strings.TrimPrefix(path, "rules[].almost."), ".") {
				doc, ok = fmt.Sprintf("The words when the answer is %s.", k.Value), true
				if k.Value == assess.OtherAnswer {
					doc = "The words for every answer not named above."
				}
			}
			if !ok && path == "rules[].pair.roles" {
				doc, ok = fmt.Sprintf("The words for someone who is %s to the leader.", k.Value), true
			}
			if ok && !done[p] {
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
func wrapComment(s string) string { return prose.Wrap(s, 72, "") }

func deleteKey(m *yaml.Node, key string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content = append(m.Content[:i], m.Content[i+2:]...)
			return
		}
	}
}

func setScalar(m *yaml.Node, key, value string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content[i+1].Value = value
			m.Content[i+1].Style = 0
			return
		}
	}
}
