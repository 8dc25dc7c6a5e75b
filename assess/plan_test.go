package assess

import (
	"strings"
	"testing"
	"time"
)

// A follow-up names the result whose plan it answers by that result's id,
// which may carry a -2 when two results were saved in the same second: a
// result holding such a follow-up reads back, and one naming no id is
// refused with its line.
func TestFollowUpNamesAnyResultID(t *testing.T) {
	q := defaultQuestionnaire(t)
	_, a, err := LoadAnswers("a.yaml", []byte(`people:
  - {name: Dana Reyes, relationship: supervisor, ring: middle, frequency: weekly, candour: 2, functions: [strategic_advice]}
scales: {fewer-open-conversations: 3, decide-alone: 3, someone-to-call: 3, unseen-demands: 3, understood-outside: 3, on-my-own: 3, careful-words: 3, hide-doubts: 3, say-what-i-think: 3, rehearsed-self: 3, admit-mistakes: 3, hear-what-i-want: 3}
`), "")
	if err != nil {
		t.Fatal(err)
	}
	by, _ := ParseDate("2026-08-15")
	a.FollowUp = []FollowUp{{Finding: "outside-thinking-partner", Status: StatusDone, Step: "Ask two peers", By: &by, Planned: "2026-06-30T100000Z-2"}}
	data, err := NewResult(q, a, time.Date(2026, 9, 30, 10, 0, 0, 0, time.UTC)).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseResult("r.yaml", data); err != nil {
		t.Fatalf("a follow-up of a -2 result does not read back: %v", err)
	}
	edited := strings.Replace(string(data), "planned: 2026-06-30T100000Z-2", "planned: last spring", 1)
	if _, err := ParseResult("r.yaml", []byte(edited)); err == nil || !strings.Contains(err.Error(), "followup[0].planned: not a result id") {
		t.Errorf("a follow-up naming no result: %v", err)
	}
}
