package assess

import (
	"errors"
	"fmt"
	"slices"
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
	if q.Version != 3 {
		t.Errorf("version %d, want 3", q.Version)
	}
	// The twelve rules of DESIGN.md's table, in its order, each with its
	// kind, severity, filter keys and almost keys; and version 3's two
	// about ties (DESIGN.md, "Ties among people"): a confidant at a
	// professional distance who knows someone with power over the leader,
	// and efficiency below 0.5 with at least four people.
	rules := []string{
		"outside-thinking-partner require gap system,candour_min,frequency,functions_any almost system,candour_min,frequency",
		"confidential-sounding-board require gap system,candour_min,frequency,functions_any almost system,candour_min,frequency",
		"been-there require gap power,frequency,functions_any almost power,frequency",
		"life-outside-work require gap system,ring,frequency almost ring,frequency",
		"outside-inner-circle require gap side,ring,frequency almost ",
		"no-confidant count warning candour_min,frequency,functions_any almost ",
		"single-point-of-support count warning candour_min,frequency,functions_any almost ",
		"former-peer-reliance forbid warning was_peer,candour_min,frequency,functions_any almost ",
		"power-confidant forbid warning power,candour_min,functions_any almost ",
		"confidant-knows-power knows warning system,candour_min,frequency,functions_any almost  knows power",
		"no-challenger require warning power,frequency,functions_any almost power,frequency",
		"role-feels-lonely score warning  almost ",
		"filtering-everywhere score warning  almost ",
		"closed-circle score warning  almost  score efficiency below 0.5 min_people 4",
	}
	var got []string
	for _, r := range q.Rules {
		var keys, almost []string
		if r.Match != nil {
			keys = r.Match.Keys()
		}
		if r.Almost != nil {
			almost = r.Almost.Keys()
		}
		line := fmt.Sprintf("%s %s %s %s almost %s", r.ID, r.Kind, r.Severity, strings.Join(keys, ","), strings.Join(almost, ","))
		if r.Knows != nil {
			line += " knows " + strings.Join(r.Knows.Keys(), ",")
		}
		if r.Score == ScoreEfficiency {
			line += fmt.Sprintf(" score %s below %v min_people %d", r.Score, *r.Below, *r.MinPeople)
		}
		got = append(got, line)
		if r.Kind == KindRequire && !strings.Contains(r.Strength, "{names}") {
			t.Errorf("rule %s: strength %q does not name the people ({names})", r.ID, r.Strength)
		}
	}
	if strings.Join(got, "\n") != strings.Join(rules, "\n") {
		t.Errorf("rules:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(rules, "\n"))
	}
	// The relationship tags are DESIGN.md's table, in its order.
	want := []string{
		"supervisor internal over current_org", "board internal over current_org", "hr internal over current_org",
		"direct_report internal under current_org", "peer internal none current_org", "other_internal internal none current_org",
		"coach external none coaching", "therapist external none coaching", "mentor external none professional",
		"peer_group external none professional", "former_colleague external none professional",
		"other_external external none professional", "friend external none personal", "family external none personal",
	}
	got = nil
	for _, r := range q.Relationships {
		got = append(got, fmt.Sprintf("%s %s %s %s", r.ID, r.Side, r.Power, r.System))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("relationships:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Every answer has its words: the frequency bands as counts a year, and
	// the candour question says who is a confidant.
	if q.Person.Frequencies == nil || !strings.HasPrefix(q.Person.Frequencies.Monthly, "6 to 19 times a year") {
		t.Errorf("monthly is not the band of 6 to 19 conversations a year: %+v", q.Person.Frequencies)
	}
	if len(q.Person.CandourLevels) != 5 || !strings.Contains(q.Person.CandourHelp, "4 or 5") {
		t.Errorf("candour words %q, help %q", q.Person.CandourLevels, q.Person.CandourHelp)
	}
	if q.WasPeer == nil || q.EarlierVersion(1) == nil || q.EarlierVersion(1).Relationships["former_peer"].Relationship != "other_internal" {
		t.Error("version 3 does not ask was_peer, or does not read version 1's former_peer")
	}
	// Version 3 asks who knows whom, which neither earlier version did;
	// version 2 is kept, so that its results are checked against it.
	if q.Ties == nil || !strings.Contains(q.Ties.Question, "{name}") {
		t.Errorf("version 3 does not ask who knows whom: %+v", q.Ties)
	}
	for _, v := range []int{1, 2} {
		if e := q.EarlierVersion(v); e == nil || !slices.Contains(e.NotAsked, AnswerKnows) {
			t.Errorf("version %d is not said to have never asked knows: %+v", v, e)
		}
	}
	if v2 := Builtin(DefaultQuestionnaire, 2); v2 == nil || v2.Version != 2 || v2.Ties != nil {
		t.Errorf("version 2 is not kept as it was: %v", v2)
	}
}

// A custom questionnaire written for version 1 keeps validating, except
// where it cannot be read without a choice only its author can make: which
// way a formal power runs.
func TestVersionOneCustomQuestionnaire(t *testing.T) {
	v1 := strings.Replace(customQuestionnaire, "power: over,", "power: true,", 1)
	v1 = strings.Replace(v1, "power: none,", "power: false,", 1)
	v1 = strings.Replace(v1, "match: {power: [over, under], candour_min: 4}", "match: {power: true, candour_min: 4}", 1)
	_, err := ParseQuestionnaire("v1.yaml", []byte(v1))
	if err == nil || !strings.Contains(err.Error(), "v1.yaml:6: relationships[0].power: power: true is from circle's first questionnaire format") ||
		!strings.Contains(err.Error(), "write over") {
		t.Fatalf("power: true was not refused with what to write instead: %v", err)
	}
	if n := len(err.(*strictyaml.Error).Problems); n != 1 {
		t.Errorf("%d problems, want only the one with power: true:\n%v", n, err)
	}
	// With the direction written, the rest of version 1 (power: false, a
	// filter's power: true) reads as it meant.
	q, err := ParseQuestionnaire("v1.yaml", []byte(strings.Replace(v1, "power: true,", "power: over,", 1)))
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := q.Relationship("pal"); r.Power != PowerNone {
		t.Errorf("power: false read as %q, want none", r.Power)
	}
	for _, r := range q.Rules {
		if r.ID == "boss-confidant" && strings.Join(r.Match.Power, ",") != "over,under" {
			t.Errorf("a filter's power: true read as %q, want over,under", r.Match.Power)
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
		`bad.yaml:6: relationships[0].power: power: true is from circle's first questionnaire format`,
		`bad.yaml:7: relationships[1].power: "maybe" is not a power; use over, under or none`,
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
	if n := len(se.Problems); n != 17 {
		t.Errorf("%d problems, want 17:\n%s", n, got)
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
