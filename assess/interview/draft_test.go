package interview

import (
	"strings"
	"testing"
	"time"

	"github.com/circle-cli/circle/assess"
)

// The question that offers to resume says how far the draft got, in
// words a person would use: "1 answer", "1 person named".
func TestDescribeCounts(t *testing.T) {
	q, err := assess.LoadQuestionnaire("")
	if err != nil {
		t.Fatal(err)
	}
	d := NewDraft(q, "", time.Date(2026, 11, 29, 16, 41, 0, 0, time.UTC), nil)
	d.Done = []string{"names.thinking"}
	d.Answers.People = []assess.Person{{Name: "Amara Obi"}}
	if got := d.Describe(); !strings.HasSuffix(got, ", 1 answer so far, 1 person named") {
		t.Errorf("Describe() = %q", got)
	}
	d.Done = append(d.Done, "names.struggling")
	d.Answers.People = append(d.Answers.People, assess.Person{Name: "Tom Castillo"})
	if got := d.Describe(); !strings.HasSuffix(got, ", 2 answers so far, 2 people named") {
		t.Errorf("Describe() = %q", got)
	}
}
