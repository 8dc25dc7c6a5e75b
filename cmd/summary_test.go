package cmd

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/view"
	"github.com/circle-cli/circle/questionnaires"
)

// summaryOf scores an answers file's people (every statement answered 3
// unless scales are given) and writes its text summary at 80 columns.
func summaryOf(t *testing.T, people, scales string) (*assess.Result, string) {
	t.Helper()
	if scales == "" {
		scales = "scales: {fewer-open-conversations: 3, decide-alone: 3, someone-to-call: 3, unseen-demands: 3, understood-outside: 3, on-my-own: 3, careful-words: 3, hide-doubts: 3, say-what-i-think: 3, rehearsed-self: 3, admit-mistakes: 3, hear-what-i-want: 3}"
	}
	q, a, err := assess.LoadAnswers("test.yaml", []byte("people:\n"+people+scales+"\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	r := assess.NewResult(q, a, time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC))
	var b bytes.Buffer
	writeSummary(&b, r, summaryOptions{width: 80})
	return r, b.String()
}

// The summary reads like a coach, not a checklist: what already works
// first, then one place to start, then the other gaps with who almost
// counted, then the warnings, those about one person together under their
// name, with why that person almost counted for a gap.
func TestSummaryGroupsWarningsAboutOnePerson(t *testing.T) {
	// Priya, once a peer and now a report, is a confidant: two warnings
	// name her alone (once a peer; across a reporting line). Tom, the
	// husband, is the other confidant. Both almost count as the outside
	// thinking partner (system): Tom under the gap, Priya under her name.
	_, out := summaryOf(t, `
  - {name: Priya Shah, relationship: direct_report, was_peer: true, ring: inner, frequency: weekly, candour: 5, functions: [thinking_partner, sounding_board]}
  - {name: Tom Castillo, relationship: family, ring: inner, frequency: weekly, candour: 5, functions: [thinking_partner, life_outside_work]}
  - {name: Martin Hale, relationship: supervisor, ring: middle, frequency: weekly, candour: 2, functions: [honest_feedback]}
`, "")
	order := []string{
		"Where your support comes from",
		"What already works",
		"  ✓ Life outside work stays close, through Tom Castillo.",
		"Start here",
		"  ● No one outside to think out loud with",
		"    · Tom Castillo is someone you think out loud with, but a partner, friend or",
		"Also open (2)",
		"  ● Nowhere outside to speak in full confidence",
		"Worth watching (2)",
		"  Priya Shah\n    ▲ Your confidant used to be your peer",
		"    ▲ Confiding across a reporting line",
		"The numbers",
	}
	at := 0
	for _, want := range order {
		i := strings.Index(out[at:], want)
		if i < 0 {
			t.Fatalf("%q is missing, or out of order, in:\n%s", want, out)
		}
		at += i + len(want)
	}
	// What makes Priya almost count is said once, under her name, after
	// her warnings: not among the gaps.
	for _, almost := range []string{"· Priya Shah is someone you think out loud with", "· You confide in Priya Shah"} {
		if n := strings.Count(out, almost); n != 1 {
			t.Errorf("%q shows %d times, want once", almost, n)
		}
		if i, j := strings.Index(out, almost), strings.Index(out, "    ▲ Confiding across a reporting line"); i < j {
			t.Errorf("%q is not under Priya's name, after her warnings:\n%s", almost, out)
		}
	}
	for _, title := range []string{"Your confidant used to be your peer", "Confiding across a reporting line"} {
		if n := strings.Count(out, title); n != 1 {
			t.Errorf("%q shows %d times", title, n)
		}
	}
}

// A warning that names several people names them in the text, at most
// three and "and N others"; JSON lists them all.
func TestSummaryNamesAtMostThree(t *testing.T) {
	var people strings.Builder
	for _, n := range []string{"Ana", "Ben", "Cleo", "Dev", "Eli"} {
		people.WriteString("  - {name: " + n + ", relationship: direct_report, ring: middle, frequency: weekly, candour: 4, functions: [sounding_board]}\n")
	}
	r, out := summaryOf(t, people.String(), "")
	if !strings.Contains(out, "  ▲ Confiding across a reporting line: Ana, Ben, Cleo and 2 others\n") {
		t.Errorf("the warning does not name three and the count of the rest:\n%s", out)
	}
	for _, g := range view.New(r).Data().Gaps {
		if g.ID == "power-confidant" && strings.Join(g.People, ",") != "Ana,Ben,Cleo,Dev,Eli" {
			t.Errorf("JSON names %q, want all five", g.People)
		}
	}
}

// A circle with nobody in it gets its findings by title only, under one
// sentence on where to start; no advice paragraphs, no numbers.
func TestSummaryOfAnEmptyCircle(t *testing.T) {
	_, out := summaryOf(t, "  []\n", "")
	if !strings.Contains(out, "Nobody is in your circle yet.\n  "+emptyAdvice[:40]) {
		t.Errorf("no sentence on where to start:\n%s", out)
	}
	for _, title := range []string{"  ● No one outside to think out loud with\n", "  ▲ No one hears the unfiltered version of your work life\n"} {
		if !strings.Contains(out, title) {
			t.Errorf("%q missing:\n%s", title, out)
		}
	}
	for _, not := range []string{"Find one person outside your organization", "Start here", "The numbers", "What already works"} {
		if strings.Contains(out, not) {
			t.Errorf("an empty circle's summary has %q:\n%s", not, out)
		}
	}
}

// A warning of a require rule says who almost counted too: the direct
// report who tells the truth, whose candour the leader's power shapes.
func TestSummaryWarningSaysWhoAlmostCounted(t *testing.T) {
	_, out := summaryOf(t, `
  - {name: Priya Nair, relationship: direct_report, ring: middle, frequency: weekly, candour: 3, functions: [honest_feedback]}
  - {name: Kim Park, relationship: coach, ring: inner, frequency: monthly, candour: 5, functions: [thinking_partner, sounding_board]}
`, "")
	want := "  ▲ No one who tells you what you'd rather not hear\n    · Priya Nair gives you honest feedback, but they report to you, and a direct\n      report's candour is always shaped by your power over them.\n"
	if !strings.Contains(out, want) {
		t.Errorf("missing:\n%s\nin:\n%s", want, out)
	}
}

// A custom questionnaire's subscales are named in its own words right
// after the assessment: the summary has the questionnaire in hand.
func TestSummaryNamesCustomSubscales(t *testing.T) {
	data, err := questionnaires.Open(questionnaires.Default)
	if err != nil {
		t.Fatal(err)
	}
	custom := strings.ReplaceAll(string(data), "subscale: isolation", "subscale: solitude")
	custom = strings.Replace(custom, "{id: isolation, label: Isolation, meaning: how alone the role feels}", "{id: solitude, label: Aloneness, meaning: how cut off you feel at the top}", 1)
	custom = strings.Replace(custom, "score: isolation\n", "score: solitude\n", 1)
	custom = strings.Replace(custom, "id: leadership-support\n", "id: my-circle\n", 1)
	q, err := assess.ParseQuestionnaire("my-circle.yaml", []byte(custom))
	if err != nil {
		t.Fatal(err)
	}
	a := &assess.Answers{Scales: map[string]int{}, People: []assess.Person{
		{Name: "Alan Brooks", Relationship: "mentor", Ring: assess.Middle, Frequency: assess.Monthly, Candour: 4, Functions: []string{"been_there"}},
	}}
	for _, it := range q.Likert.Items {
		a.Scales[it.ID] = 4
	}
	if err := a.Check(q, "answers.yaml", nil); err != nil {
		t.Fatal(err)
	}
	r := assess.NewResult(q, a, time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC))
	var b bytes.Buffer
	writeSummary(&b, r, summaryOptions{width: 80, q: q})
	if !strings.Contains(b.String(), "Aloneness") || !strings.Contains(b.String(), "how cut off you feel at the top") {
		t.Errorf("the custom subscale is not named in its own words:\n%s", b.String())
	}
}

// A warning that names two people (a supervisor and a report, both
// confided in across a reporting line) says why each almost counted for
// the gaps, once, under it; the gaps do not repeat them.
func TestSummarySpeaksOfEachPersonOnce(t *testing.T) {
	_, out := summaryOf(t, `
  - {name: Martin Hale, relationship: supervisor, ring: middle, frequency: weekly, candour: 4, functions: [sounding_board, honest_feedback]}
  - {name: Priya Shah, relationship: direct_report, ring: inner, frequency: weekly, candour: 5, functions: [thinking_partner, sounding_board]}
  - {name: Tom Castillo, relationship: family, ring: inner, frequency: weekly, candour: 5, functions: [life_outside_work]}
`, "")
	warning := strings.Index(out, "Confiding across a reporting line: Martin Hale and Priya Shah")
	if warning < 0 {
		t.Fatalf("no warning naming both:\n%s", out)
	}
	for _, line := range []string{
		"You confide in Martin Hale, but they work inside your organization",
		"Priya Shah is someone you think out loud with, but they work inside",
		"You confide in Priya Shah, but they work inside your organization",
	} {
		if n := strings.Count(out, line); n != 1 {
			t.Errorf("%q appears %d times, want once:\n%s", line, n, out)
		} else if strings.Index(out, line) < warning {
			t.Errorf("%q is shown among the gaps, not under the warning that names them:\n%s", line, out)
		}
	}
}
