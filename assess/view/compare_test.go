package view

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/circle-cli/circle/assess"
)

// A quarter in which a former peer, Priya, went from middle to outer,
// her candour from 4 to 2, and stopped being a thinking partner and
// sounding board; a coach joined; a friend left; gaps closed and
// warnings cleared; and last quarter's plan step was done.
func TestNewComparison(t *testing.T) {
	q, err := assess.LoadQuestionnaire("")
	if err != nil {
		t.Fatal(err)
	}
	by, _ := assess.ParseDate("2026-08-15")
	person := func(name, rel string, peer bool, ring assess.Ring, freq assess.Frequency, c int, fns ...string) assess.Person {
		return assess.Person{Name: name, Relationship: rel, WasPeer: peer, Ring: ring, Frequency: freq, Candour: c, Functions: fns}
	}
	scales := map[string]int{}
	for _, it := range q.Likert.Items {
		scales[it.ID] = 3
	}
	from := assess.NewResult(q, &assess.Answers{Scales: scales, People: []assess.Person{
		person("Priya Shah", "other_internal", true, assess.Middle, assess.Weekly, 4, "thinking_partner", "sounding_board"),
		person("Dana Reyes", "supervisor", false, assess.Middle, assess.Monthly, 2, "strategic_advice"),
		person("Alex Kim", "friend", false, assess.Middle, assess.Quarterly, 4, "life_outside_work"),
	}, Plan: []assess.PlanStep{{Finding: "outside-thinking-partner", Step: "Ask two peers which coach they trust", By: by}}},
		time.Date(2026, 6, 30, 9, 0, 0, 0, time.UTC))
	to := assess.NewResult(q, &assess.Answers{Scales: scales, People: []assess.Person{
		person("Priya Shah", "other_internal", true, assess.Outer, assess.Weekly, 2, "honest_feedback"),
		person("Dana Reyes", "supervisor", false, assess.Middle, assess.Monthly, 2, "strategic_advice"),
		person("Kim Park", "coach", false, assess.Inner, assess.Monthly, 5, "thinking_partner", "sounding_board"),
	}, FollowUp: []assess.FollowUp{{Finding: "outside-thinking-partner", Status: assess.StatusDone}}},
		time.Date(2026, 9, 30, 9, 0, 0, 0, time.UTC))
	v := NewComparison(assess.Compare(from, to), nil)

	ids := func(fs []assess.Finding) string {
		var s []string
		for _, g := range fs {
			s = append(s, g.ID)
		}
		return strings.Join(s, " ")
	}
	// Kim, a coach at candour 5 talked to monthly on the inner ring,
	// thinks out loud and confides: both outside gaps close, and so does
	// outside-inner-circle. Priya (inside, once a peer) is no longer a
	// confidant at candour 2: former-peer-reliance clears; she gives
	// honest feedback now, with no power over the leader: no-challenger
	// clears. Kim is the one confidant now, as Priya was:
	// single-point-of-support stays. Alex gone, nobody personal is left:
	// life-outside-work opens.
	if got := ids(v.GapsClosed); got != "outside-thinking-partner confidential-sounding-board outside-inner-circle" {
		t.Errorf("gaps closed: %s", got)
	}
	if got := ids(v.WarningsCleared); got != "former-peer-reliance no-challenger" {
		t.Errorf("warnings cleared: %s", got)
	}
	if got := ids(v.GapsOpened); got != "life-outside-work" {
		t.Errorf("gaps opened: %s", got)
	}
	if len(v.WarningsRaised) != 0 {
		t.Errorf("warnings raised: %s", ids(v.WarningsRaised))
	}

	if len(v.Changed) != 1 {
		t.Fatalf("changed: %+v, want Priya alone (Dana is as she was)", v.Changed)
	}
	want := "Priya Shah: middle → outer circle; candour 4 → 2; no longer thinking partner, sounding board; now also honest feedback"
	if got := v.Changed[0].Line(); got != want {
		t.Errorf("Priya:\n got %s\nwant %s", got, want)
	}

	// A = {Priya, Dana, Alex}, B = {Priya, Dana, Kim}: A∩B = 2, A∪B = 4.
	//   stability 2/3 = 0.667; turnover (1 + 1)/4 = 0.5; Jaccard 2/4 = 0.5
	if *v.Stability != 0.667 || *v.Turnover != 0.5 || *v.Jaccard != 0.5 || v.Stayed != 2 || v.Before != 3 {
		t.Errorf("stability %v turnover %v jaccard %v, %d of %d stayed", *v.Stability, *v.Turnover, *v.Jaccard, v.Stayed, v.Before)
	}

	if len(v.Plan) != 1 || v.Plan[0].Status != assess.StatusDone || v.Plan[0].StillOpen {
		t.Fatalf("plan: %+v", v.Plan)
	}
	if !strings.Contains(v.Plan[0].Text, "Ask two peers which coach they trust") || !strings.HasSuffix(v.Plan[0].Text, "done. The gap has closed.") {
		t.Errorf("plan text: %s", v.Plan[0].Text)
	}

	// The data: every score has a direction; the people who changed list
	// each answer with its old and new value, functions with what came
	// and went.
	b, err := json.Marshal(v.Data())
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Scores map[string]json.RawMessage `json:"scores"`
		People struct {
			Changed []struct {
				Name    string `json:"name"`
				Changes []struct {
					Field   string    `json:"field"`
					From    any       `json:"from"`
					To      any       `json:"to"`
					Added   *[]string `json:"added"`
					Removed *[]string `json:"removed"`
				} `json:"changes"`
			} `json:"changed"`
		} `json:"people"`
		Plan     []map[string]any `json:"plan"`
		FollowUp []map[string]any `json:"followup"`
	}
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	for name, raw := range d.Scores {
		if name == "sources" {
			continue
		}
		if !strings.Contains(string(raw), `"direction":"`) {
			t.Errorf("%s has no direction: %s", name, raw)
		}
	}
	ch := d.People.Changed[0].Changes
	if len(ch) != 3 || ch[0].Field != "ring" || ch[0].From != "middle" || ch[0].To != "outer" ||
		ch[1].Field != "candour" || ch[1].From != 4.0 || ch[1].To != 2.0 || ch[0].Added != nil ||
		ch[2].Field != "functions" || strings.Join(*ch[2].Removed, " ") != "thinking_partner sounding_board" || strings.Join(*ch[2].Added, " ") != "honest_feedback" {
		t.Errorf("Priya's changes: %+v", ch)
	}
	if len(d.Plan) != 1 || d.Plan[0]["still_open"] != false || d.Plan[0]["by"] != "2026-08-15" || len(d.FollowUp) != 1 || d.FollowUp[0]["status"] != "done" {
		t.Errorf("plan %v, followup %v", d.Plan, d.FollowUp)
	}

	// Redacted, the step's words go; the finding, day and status stay.
	names := assess.RedactNames(from, to)
	rv := NewComparison(assess.Compare(assess.RedactWith(from, names), assess.RedactWith(to, names)), nil)
	if rv.Plan[0].Step != "" || strings.Contains(rv.Plan[0].Text, "coach they trust") || rv.Plan[0].Status != assess.StatusDone {
		t.Errorf("redacted plan: %+v", rv.Plan[0])
	}
	if got := rv.Changed[0].Line(); !strings.HasPrefix(got, "PS: middle → outer circle; candour 4 → 2") {
		t.Errorf("redacted: %s", got)
	}
}
