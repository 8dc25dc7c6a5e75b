package cmd

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/circle-cli/circle/assess"
)

// reportHTML writes the report of r, with prev as the result before it,
// without a map or a trend.
func reportHTML(t *testing.T, r, prev *assess.Result) string {
	t.Helper()
	var b bytes.Buffer
	if err := reportTmpl.Execute(&b, newReportPage(r, prev, nil, nil, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// noted is a one-person result taken on a day, with a note.
func noted(t *testing.T, taken time.Time, note string) *assess.Result {
	t.Helper()
	q, a, err := assess.LoadAnswers("test.yaml", []byte(`people:
  - {name: Morgan Lee, relationship: coach, ring: inner, frequency: monthly, candour: 5, functions: [thinking_partner]}
scales: {fewer-open-conversations: 3, decide-alone: 3, someone-to-call: 3, unseen-demands: 3, understood-outside: 3, on-my-own: 3, careful-words: 3, hide-doubts: 3, say-what-i-think: 3, rehearsed-self: 3, admit-mistakes: 3, hear-what-i-want: 3}
`), "")
	if err != nil {
		t.Fatal(err)
	}
	a.Reflection = note
	return assess.NewResult(q, a, taken)
}

// The report of a result with no note of its own still reminds the leader
// what they wrote last time, with its date; a note is text, never markup.
func TestReportCarriesLastTimesNote(t *testing.T) {
	march := noted(t, time.Date(2026, 3, 31, 9, 0, 0, 0, time.UTC), "Find a <b>mentor</b> & a peer group.")
	june := noted(t, time.Date(2026, 6, 30, 9, 0, 0, 0, time.UTC), "")
	page := reportHTML(t, june, march)
	for _, want := range []string{
		"<h2>Your note</h2>",
		`<p class="said">Last time (31 March 2026) you wrote:</p>`,
		"<blockquote>Find a &lt;b&gt;mentor&lt;/b&gt; &amp; a peer group.</blockquote>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the report lacks %s", want)
		}
	}
	if strings.Contains(page, "<b>mentor") || strings.Contains(page, "On 30 June 2026 you wrote") {
		t.Error("the report shows the note as markup, or a note June never had")
	}
	// Neither has a note: no section at all.
	if page := reportHTML(t, june, june); strings.Contains(page, "you wrote") || strings.Contains(page, `id="notes"`) {
		t.Error("a report without notes has a notes section")
	}
}

// exampleQuarter is the result of examples/quarters/qN.yaml.
func exampleQuarter(t *testing.T, n string) *assess.Result {
	t.Helper()
	q, a, err := assess.ReadAnswersFile("../examples/quarters/q"+n+".yaml", "")
	if err != nil {
		t.Fatal(err)
	}
	r := assess.NewResult(q, a, time.Now())
	return r
}

// The report of the example year's third quarter sets the second
// quarter's steps beside what the leader said became of them and what
// actually changed, then lists this quarter's step; redacted, the steps'
// words are left out.
func TestReportSetsThePlanBesideWhatChanged(t *testing.T) {
	q2, q3 := exampleQuarter(t, "2"), exampleQuarter(t, "3")
	// The follow-up as an interview or assess --answers saves it.
	if err := (&assess.Answers{FollowUp: q3.FollowUp}).LinkFollowUp("q3", q2); err != nil {
		t.Fatal(err)
	}
	page := reportHTML(t, q3, q2)
	for _, want := range []string{
		"<h2>Last time's plan</h2>",
		"<tr><td>No one you named has held a role like yours</td><td>Find the peer advisory groups for leaders at your level; visit one</td><td>31 May 2026</td><td>Done</td><td class=\"good\">That gap has closed.</td></tr>",
		"<td>Started</td><td class=\"good\">That warning has cleared.</td>",
		"<h2>Your first steps</h2>",
		"<tr><td>Your confidant used to be your peer</td><td>Talk with Sam about how our working relationship has changed</td><td>15 August 2026</td></tr>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the report lacks %s", want)
		}
	}
	red := reportHTML(t, assess.Redact(q3), assess.Redact(q2))
	if strings.Contains(red, "Find the peer advisory") || strings.Contains(red, "Talk with Sam") || !strings.Contains(red, "(left out)") {
		t.Error("the redacted report shows the words of a step, or no sign of them")
	}
}
