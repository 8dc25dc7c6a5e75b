package assess

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/circle-cli/circle/assess/strictyaml"
)

func TestDefaultQuestionnaireIsComplete(t *testing.T) {
	q := defaultQuestionnaire(t)
	if n := len(q.Likert.Items); n < 10 || n > 14 {
		t.Errorf("%d Likert items; DESIGN.md asks for 10 to 14", n)
	}
	subs := strings.Join(q.Subscales(), ",")
	if !strings.Contains(subs, "isolation") || !strings.Contains(subs, "filtering") {
		t.Errorf("subscales %s lack isolation or filtering", subs)
	}
	reverse := 0
	for _, it := range q.Likert.Items {
		if it.Reverse {
			reverse++
		}
	}
	if reverse == 0 {
		t.Error("no reverse-keyed items")
	}
	if !strings.Contains(q.Intro, "stays on this machine") {
		t.Error("the intro does not say that everything stays on this machine")
	}
	for _, id := range []string{"outside-thinking-partner", "confidential-sounding-board", "been-there", "life-outside-work", "outside-inner-circle", "former-peer-reliance", "single-point-of-support"} {
		found := false
		for _, r := range q.Rules {
			if r.ID == id {
				found = true
			}
		}
		if !found {
			t.Errorf("rule %s missing", id)
		}
	}
	// The relationship tags are DESIGN.md's table.
	want := map[string]string{
		"supervisor": "internal true current_org", "board": "internal true current_org",
		"direct_report": "internal true current_org", "hr": "internal true current_org",
		"peer": "internal false current_org", "former_peer": "internal false current_org",
		"other_internal": "internal false current_org", "coach": "external false coaching",
		"therapist": "external false coaching", "mentor": "external false professional",
		"peer_group": "external false professional", "former_colleague": "external false professional",
		"other_external": "external false professional", "friend": "external false personal",
		"family": "external false personal",
	}
	if len(q.Relationships) != len(want) {
		t.Errorf("%d relationship types, want %d", len(q.Relationships), len(want))
	}
	for _, r := range q.Relationships {
		if got := fmt.Sprintf("%s %v %s", r.Side, r.Power, r.System); got != want[r.ID] {
			t.Errorf("%s: %s, want %s", r.ID, got, want[r.ID])
		}
	}
}

const badQuestionnaire = `id: Bad Id
version: 0
title: Bad
colour: blue
relationships:
  - {id: boss, side: inside, power: true, system: work}
  - {id: boss, side: internal, power: maybe, system: work}
functions:
  - {id: talk}
generators:
  - {id: who, question: "Who?", functions: [talk, dance]}
person: {relationship: r, ring: r, frequency: f, candour: c, functions: f}
likert:
  items:
    - {id: a, text: A}
    - {id: b, text: B, subscale: balance}
rules:
  - id: r1
    kind: require
    title: T
    severity: gap
    advice: A
    match: {relationship: friend, functions_any: [sing], ring: close}
    placeholder: {side: external, ring: far}
  - id: r1
    kind: vague
    title: T
    severity: fatal
    advice: A
    placeholder: {side: external, ring: inner}
`

func TestValidateReportsEveryProblemWithItsLine(t *testing.T) {
	_, err := ParseQuestionnaire("bad.yaml", []byte(badQuestionnaire))
	var se *strictyaml.Error
	if !errors.As(err, &se) {
		t.Fatalf("want a *strictyaml.Error, got %v", err)
	}
	// Unknown keys and wrongly typed values are reported together with
	// what the values mean, in line order.
	got := err.Error()
	for _, want := range []string{
		`bad.yaml:1: id: "Bad Id" is not a usable id`,
		"bad.yaml:2: version: must be a whole number of 1 or more",
		"bad.yaml:4: colour: unknown field",
		`bad.yaml:6: relationships[0].side: "inside" is not a side`,
		`bad.yaml:7: relationships[1].id: duplicate id "boss" (also at line 6)`,
		"bad.yaml:7: relationships[1].power: want true or false",
		`bad.yaml:11: generators[0].functions[1]: "dance" is not a function`,
		"bad.yaml:15: likert.items[0].subscale: missing",
		`bad.yaml:16: likert.items[1].subscale: "balance" is already a score's name`,
		`bad.yaml:23: rules[0].match.relationship[0]: "friend" is not a relationship`,
		`bad.yaml:23: rules[0].match.ring[0]: "close" is not a ring`,
		`bad.yaml:23: rules[0].match.functions_any[0]: "sing" is not a function`,
		`bad.yaml:24: rules[0].placeholder.ring: "far" is not a ring`,
		`bad.yaml:25: rules[1].id: duplicate id "r1"`,
		`bad.yaml:26: rules[1].kind: "vague" is not a rule kind`,
		`bad.yaml:28: rules[1].severity: "fatal" is not a severity`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	if n := len(se.Problems); n != 16 {
		t.Errorf("%d problems, want 16:\n%s", n, got)
	}
	for i, line := range strings.Split(got, "\n") {
		if !strings.HasPrefix(line, "bad.yaml:") {
			t.Errorf("line %d does not start with file:line: %q", i, line)
		}
	}
}

func TestLoadQuestionnaireNamesWhatToUse(t *testing.T) {
	_, err := LoadQuestionnaire("no-such-questionnaire")
	if err == nil || !strings.Contains(err.Error(), "leadership-support") {
		t.Errorf("error should list the built-in ids, got %v", err)
	}
}

// Text a questionnaire brings reaches the terminal: an escape sequence in
// it is refused with its line, as is a system that is not an id.
func TestQuestionnaireTextWithoutEscapes(t *testing.T) {
	src := strings.Replace(customQuestionnaire, "title: Custom", "title: \"Team \\e]0;OWNED\\a\"", 1)
	src = strings.Replace(src, "system: life", "system: Life Outside", 1)
	_, err := ParseQuestionnaire("evil.yaml", []byte(src))
	if err == nil {
		t.Fatal("accepted")
	}
	for _, want := range []string{"evil.yaml:4: title: holds a control character", `relationships[1].system: "Life Outside" is not a usable system name`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%v", want, err)
		}
	}
}
