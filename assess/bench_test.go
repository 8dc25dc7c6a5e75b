package assess_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/circle-cli/circle/assess"
)

// circleOf is a result of n people, named by name(i).
func circleOf(b *testing.B, n int, name func(int) string) *assess.Result {
	b.Helper()
	q, err := assess.LoadQuestionnaire("")
	if err != nil {
		b.Fatal(err)
	}
	a := &assess.Answers{Scales: map[string]int{}}
	for _, it := range q.Likert.Items {
		a.Scales[it.ID] = 3
	}
	for i := range n {
		a.People = append(a.People, assess.Person{Name: name(i), Relationship: "peer", Ring: assess.Middle, Frequency: assess.Monthly, Candour: 3, Functions: []string{"strategic_advice"}})
	}
	return assess.NewResult(q, a, time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC))
}

// Redacting a circle whose people all share initials (Sam Smith 1…500 are
// all SS, numbered SS2…SS500) costs about what redacting one whose
// initials are all different does: the bound is 3×. Compare the
// two lines of:
//
//	go test ./assess -run '^$' -bench Redact -benchmem
func BenchmarkRedact(b *testing.B) {
	for _, c := range []struct {
		name string
		of   func(int) string
	}{
		{"500 sharing initials", func(i int) string { return fmt.Sprintf("Sam Smith%d", i) }},
		{"500 all different", func(i int) string {
			return fmt.Sprintf("%c%c%c %c%c", 'A'+rune(i%26), 'a'+rune(i/26%26), 'a'+rune(i/676), 'A'+rune(i/26%26), 'z')
		}},
	} {
		r := circleOf(b, 500, c.of)
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				assess.Redact(r)
			}
		})
	}
}

// An alias-amplified questionnaire (600 KB on disk, 8 MB once its aliases
// are written out) is refused at load; the bound is 1 s and 100 MB:
//
//	go test ./assess -run '^$' -bench Amplified -benchmem
func BenchmarkAmplifiedQuestionnaire(b *testing.B) {
	data := amplifiedQuestionnaire(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := assess.ParseQuestionnaire("questionnaire.yaml", data); err == nil {
			b.Fatal("the amplified questionnaire was accepted")
		}
	}
}
