package assess

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// Results saved by circle's first release, by its own binary, kept in
// testdata/v1 as they were written (see its README).
func readV1(t *testing.T, name string) *Result {
	t.Helper()
	path := filepath.Join("testdata", "v1", name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := ParseResult(path, data)
	if err != nil {
		t.Fatalf("a version-1 result no longer reads: %v", err)
	}
	return r
}

// A version-1 result reads exactly as it was saved: its own scores and
// findings, its questionnaire version; only power, which version 1 wrote
// as true or false, is read as the direction its own questionnaire gives.
func TestVersionOneResultsReadAsSaved(t *testing.T) {
	r := readV1(t, "2026-03-31T090000Z.yaml")
	if r.SchemaVersion != 1 || r.Questionnaire.Version != 1 {
		t.Errorf("schema %d, questionnaire v%d; want both 1", r.SchemaVersion, r.Questionnaire.Version)
	}
	var powers []string
	for _, p := range r.People {
		powers = append(powers, p.Relationship+":"+string(p.Power))
	}
	// Version 1's supervisor had power over the leader, its former_peer
	// none, as the kept version 1 questionnaire says.
	if got := strings.Join(powers, " "); got != "supervisor:over former_peer:none family:none coach:none" {
		t.Errorf("powers read as %s", got)
	}
	// As saved: version 1's scores (no sources), its one gap and one
	// warning, without people (version 1 did not record them).
	if r.Score(ScoreBalance) == nil || *r.Score(ScoreBalance) != 0.058 {
		t.Errorf("balance %v, want 0.058 as saved", *r.Score(ScoreBalance))
	}
	if _, ok := r.Scores.Get(ScoreSourcesInside); ok {
		t.Error("a version-1 result gained sources it never had")
	}
	var ids []string
	for _, f := range r.Findings {
		ids = append(ids, f.ID)
		if f.People != nil {
			t.Errorf("%s names people version 1 never recorded: %q", f.ID, f.People)
		}
	}
	if got := strings.Join(ids, ","); got != "been-there,former-peer-reliance" {
		t.Errorf("findings %s, want those saved", got)
	}
	if r.Strengths != nil {
		t.Errorf("strengths %v; version 1 recorded none", r.Strengths)
	}

	// A custom questionnaire's version-1 power: true says there was a
	// formal power relation, not which way: it is read as that.
	c := readV1(t, "custom-2026-05-15T090000Z.yaml")
	if c.People[0].Power != PowerFormal || c.People[1].Power != PowerNone {
		t.Errorf("custom powers %q %q, want formal, none", c.People[0].Power, c.People[1].Power)
	}
}

// A version-1 result's ids are checked against version 1, never today's:
// former_peer is a relationship of version 1, and an id neither version
// has is refused with its line.
func TestVersionOneIDsCheckedAgainstTheirOwnVersion(t *testing.T) {
	path := filepath.Join("testdata", "v1", "2026-03-31T090000Z.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(data), "relationship: former_peer", "relationship: old_friend", 1)
	_, err = ParseResult("result.yaml", []byte(bad))
	if err == nil || !strings.Contains(err.Error(), `people[1].relationship: "old_friend" is not a relationship of leadership-support version 1`) {
		t.Errorf("an id version 1 did not have was not refused against version 1: %v", err)
	}
}

// Compared with a version-2 result of the same answers, a version-1 result
// opens and closes nothing: both are evaluated with version 2 from their
// saved answers, so the change of rules alone changes no finding and no
// score.
func TestVersionOneComparedWithVersionTwo(t *testing.T) {
	v1 := readV1(t, "2026-09-30T090000Z.yaml")
	// The same answers file, read today (former_peer, with a note), taken a
	// quarter later.
	q, a, err := ReadAnswersFile(filepath.Join("testdata", "v1", "q4-answers.yaml"), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Notes) != 1 || !strings.Contains(a.Notes[0], "former_peer is now other_internal with was_peer: true") {
		t.Errorf("notes %q, want one about former_peer", a.Notes)
	}
	a.TakenAt = time.Time{}
	v2 := NewResult(q, a, v1.TakenAt.AddDate(0, 3, 0))

	c := Compare(v1, v2)
	if c.EvaluatedWith == nil || c.EvaluatedWith.Version != 3 {
		t.Fatalf("evaluated with %v, want today's version 3", c.EvaluatedWith)
	}
	if len(c.GapsOpened)+len(c.GapsClosed)+len(c.GapsNew) != 0 {
		t.Errorf("the rule change alone opened %v, closed %v, new %v", c.GapsOpened, c.GapsClosed, c.GapsNew)
	}
	for _, s := range c.Scores {
		if slices.Contains(TieScores, s.Name) {
			// Neither result was asked who knows whom: null on both
			// sides, never a change.
			if s.From != nil || s.To != nil || s.Delta != nil {
				t.Errorf("%s: %v → %v, want null, never asked", s.Name, s.From, s.To)
			}
			continue
		}
		if s.Delta == nil || *s.Delta != 0 {
			t.Errorf("%s moved by %v with the same answers", s.Name, s.Delta)
		}
	}
	if len(c.Scores) != len(v2.Scores) {
		t.Errorf("%d scores compared, want all %d of version 2", len(c.Scores), len(v2.Scores))
	}
	// The saved result is not changed by being compared.
	if v1.Questionnaire.Version != 1 || v1.Score(ScoreProfessionalCoverage) != nil {
		t.Error("comparing rewrote the version-1 result in memory")
	}
}

// Version 1 never asked whether a direct report had been a peer. When the
// leader says so in version 2, the former-peer warning it raises is new to
// the comparison, not opened: nothing about Priya changed but the question.
func TestVersionOneFindingsOnUnaskedAnswersAreNewToTheComparison(t *testing.T) {
	v1 := readV1(t, "priya-2026-06-30T090000Z.yaml")
	q := defaultQuestionnaire(t)
	a, err := v1.Answers(q)
	if err != nil {
		t.Fatal(err)
	}
	a.People[0].WasPeer = true // Priya, asked at last
	v2 := NewResult(q, a, v1.TakenAt.AddDate(0, 3, 0))

	c := Compare(v1, v2)
	var fresh []string
	for _, f := range c.GapsNew {
		fresh = append(fresh, f.ID)
	}
	if strings.Join(fresh, ",") != "former-peer-reliance" {
		t.Errorf("new to the comparison: %q, want former-peer-reliance", fresh)
	}
	for _, f := range append(c.GapsOpened, c.GapsClosed...) {
		t.Errorf("%s opened or closed by a question version 1 never asked", f.ID)
	}
	if len(c.Notes) < 2 || !strings.Contains(strings.Join(c.Notes, " "), `"Your confidant used to be your peer" is new to this comparison`) {
		t.Errorf("notes %q do not say what is new to the comparison", c.Notes)
	}

	// Between two version-2 results the same change is a warning opened.
	before := NewResult(q, mustAnswers(t, v1, q), v1.TakenAt)
	c = Compare(before, v2)
	if len(c.GapsOpened) != 1 || c.GapsOpened[0].ID != "former-peer-reliance" || len(c.GapsNew) != 0 {
		t.Errorf("version 2 to 2: opened %v, new %v; want former-peer-reliance opened", c.GapsOpened, c.GapsNew)
	}
}

func mustAnswers(t *testing.T, r *Result, q *Questionnaire) *Answers {
	t.Helper()
	a, err := r.Answers(q)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// trend across versions sets every result side by side in today's version.
func TestEvaluateAlikeAcrossVersions(t *testing.T) {
	var rs []*Result
	for _, n := range []string{"2025-12-31T090000Z.yaml", "2026-03-31T090000Z.yaml", "2026-06-30T090000Z.yaml", "2026-09-30T090000Z.yaml"} {
		rs = append(rs, readV1(t, n))
	}
	same, q := EvaluateAlike(rs)
	if q != nil || same[0] != rs[0] {
		t.Error("results of one version were evaluated again")
	}
	q2 := defaultQuestionnaire(t)
	later := NewResult(q2, mustAnswers(t, rs[3], q2), rs[3].TakenAt.AddDate(0, 3, 0))
	all, q := EvaluateAlike(append(rs, later))
	if q == nil || q.Version != 3 {
		t.Fatalf("evaluated with %v, want today's version 3", q.Version)
	}
	for i, r := range all {
		if r.Questionnaire.Version != 3 || r.ID != append(rs, later)[i].ID {
			t.Errorf("result %d: %s v%d", i, r.ID, r.Questionnaire.Version)
		}
		if r.Score(ScoreProfessionalCoverage) == nil {
			t.Errorf("result %s has no professional coverage once evaluated with version 2", r.ID)
		}
	}
}
