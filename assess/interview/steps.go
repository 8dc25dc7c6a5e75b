package interview

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/plaintext"
)

// Step is one question of the interview. The steps are rebuilt from the
// questionnaire and the draft whenever one is needed, so that naming a
// person adds the steps about them, and the review screen re-asks a step
// by forgetting that it was answered.
type Step struct {
	// Key marks the step answered in the draft's Done list:
	// "gen:think-out-loud", "person:p3:ring", "likert:decide-alone".
	Key     string
	Section string
	// Person is the id of the person the step asks about, if any.
	Person string
	// Done, when not nil, replaces "Key is in Done".
	Done func(*Draft) bool
	// Ask asks the question and records the answer in the draft; it
	// reports whether the step is now answered (false: ask again, as when
	// the leader goes back to name people after all).
	Ask func(*Draft) (bool, error)
}

func (s Step) done(d *Draft) bool {
	if s.Done != nil {
		return s.Done(d)
	}
	return d.has(s.Key)
}

// Step keys that are not per person or per item.
const (
	// keyNoPeople marks that the leader said an empty circle is how it is.
	keyNoPeople = "no-people"
	// The was_peer steps: whether the leader was promoted from within, and
	// which of their people were once their peers.
	keyPromoted    = "promoted"
	keyFormerPeers = "former-peers"
	keyCalibration = "calibration"
	keyReflection  = "reflection"
	// keyReviewed marks that the leader chose to save on the review screen.
	keyReviewed = "reviewed"
)

func carryKey(id string) string         { return "carry:" + id }
func personKey(id, field string) string { return "person:" + id + ":" + field }
func likertKey(item string) string      { return "likert:" + item }

// The per-person questions, in the order they are asked.
const (
	fieldRelationship = "relationship"
	fieldRing         = "ring"
	fieldFrequency    = "frequency"
	fieldCandour      = "candour"
	fieldFunctions    = "functions"
)

var personFields = []string{fieldRelationship, fieldRing, fieldFrequency, fieldCandour, fieldFunctions}

// Steps lists every step of the interview for the draft as it stands, in
// the order they are asked.
func (iv *Interview) Steps(d *Draft) []Step {
	q := iv.Q
	var steps []Step
	for _, ps := range d.LastPlan {
		steps = append(steps, Step{Key: "followup:" + ps.Finding, Section: secFollowUp, Ask: func(d *Draft) (bool, error) {
			return true, iv.followUp(d, ps)
		}})
	}
	for i := 0; i < d.Carried && i < len(d.Answers.People); i++ {
		steps = append(steps, Step{Key: carryKey(d.id(i)), Section: secSince, Ask: func(d *Draft) (bool, error) {
			return true, iv.carry(d, i)
		}})
	}
	for i, g := range q.Generators {
		steps = append(steps, Step{Key: "gen:" + g.ID, Section: secPeople, Ask: func(d *Draft) (bool, error) {
			return true, iv.generator(d, i, g)
		}})
	}
	steps = append(steps, Step{Key: keyNoPeople, Section: secPeople,
		Done: func(d *Draft) bool { return len(d.currentIndex()) > 0 || d.has(keyNoPeople) },
		Ask:  iv.nobody,
	})
	for _, i := range d.currentIndex() {
		id := d.id(i)
		for _, field := range personFields {
			key := personKey(id, field)
			steps = append(steps, Step{Key: key, Section: secPerson, Person: id,
				Done: func(d *Draft) bool { return d.has(key) || d.kept(i) },
				Ask:  func(d *Draft) (bool, error) { return true, iv.personField(d, i, field) },
			})
		}
	}
	if w := q.WasPeer; w != nil {
		steps = append(steps, Step{Key: keyPromoted, Section: secPerson,
			Done: func(d *Draft) bool { return d.has(keyPromoted) || len(d.peerCandidates(q)) == 0 },
			Ask:  func(d *Draft) (bool, error) { return true, iv.promoted(d) },
		}, Step{Key: keyFormerPeers, Section: secPerson,
			Done: func(d *Draft) bool {
				return d.has(keyFormerPeers) || d.Promoted == nil || !*d.Promoted || len(d.peerCandidates(q)) == 0
			},
			Ask: func(d *Draft) (bool, error) { return true, iv.formerPeers(d) },
		})
	}
	steps = append(steps, iv.tiesSteps(d)...)
	for i, it := range q.Likert.Items {
		steps = append(steps, Step{Key: likertKey(it.ID), Section: secLikert, Ask: func(d *Draft) (bool, error) {
			return true, iv.statement(d, i, it)
		}})
	}
	if q.Calibration.Question != "" {
		steps = append(steps, Step{Key: keyCalibration, Section: secResults, Ask: func(d *Draft) (bool, error) {
			return true, iv.calibration(d)
		}})
	}
	if q.Reflection.Question != "" {
		steps = append(steps, Step{Key: keyReflection, Section: secResults, Ask: func(d *Draft) (bool, error) {
			return true, iv.reflection(d)
		}})
	}
	return steps
}

// Choices for a person carried forward from the last result.
const (
	carryUnchanged = iota
	carryChanged
	carryGone
)

// carry asks whether a person from the last result is still in the
// circle. Keeping someone unchanged is one keystroke: their per-person
// answers count as given. Someone who changed is asked about again later,
// with last time's answers as the defaults.
func (iv *Interview) carry(d *Draft, i int) error {
	p := d.Answers.People[i]
	options := []string{"Still in my circle, as before", "Still in my circle, but something has changed", "No longer in my circle"}
	_, known := iv.Q.Relationship(p.Relationship)
	if !known {
		// The questionnaire no longer has their relationship type, so
		// "as before" cannot stand.
		options[carryUnchanged] = "Still in my circle (their relationship needs a new answer)"
	}
	n, err := iv.P.Select(fmt.Sprintf("(%d/%d) %s: %s", i+1, d.Carried, p.Name, iv.describe(p)), "", options, carryUnchanged)
	if err != nil {
		return err
	}
	switch {
	case n == carryGone:
		d.Dropped = append(d.Dropped, p.Name)
	case n == carryUnchanged && known:
		d.Kept = append(d.Kept, d.id(i))
	}
	return nil
}

// nobody asks, when no one was named, whether that was meant before going
// on, since every gap will open. "No" asks the name questions again.
func (iv *Interview) nobody(d *Draft) (bool, error) {
	meant, err := iv.P.Confirm("You have not named anyone. Is that how it is right now?",
		"Yes: go on, and the results will say where to start. No: go back and name the people you lean on.", false)
	if err != nil || meant {
		return meant, err
	}
	d.redoGenerators()
	return false, nil
}

// statement asks Likert item i. It starts at this interview's answer when
// there is one (the review), else at last time's, marked as such, so that
// Enter through an unchanged re-run changes nothing.
func (iv *Interview) statement(d *Draft, i int, it assess.LikertItem) error {
	labels := slices.Clone(assess.LikertLabels)
	def := 2 // neither agree nor disagree
	if v, ok := d.LastScales[it.ID]; ok {
		def = v - 1
		labels[def] += " · last time"
	}
	if v, ok := d.Answers.Scales[it.ID]; ok {
		def = v - 1
	}
	n, err := iv.P.Select(fmt.Sprintf("(%d/%d) %s", i+1, len(iv.Q.Likert.Items), it.Text), "", labels, def)
	if err != nil {
		return err
	}
	if d.Answers.Scales == nil {
		d.Answers.Scales = map[string]int{}
	}
	d.Answers.Scales[it.ID] = n + 1
	return nil
}

// calibration asks the leader's guess at the share of outside support. On
// a re-run it starts at last time's guess.
func (iv *Interview) calibration(d *Draft) error {
	c := iv.Q.Calibration
	def := ""
	switch {
	case d.GuessGiven:
		if d.Answers.Calibration != nil {
			def = formatShare(*d.Answers.Calibration)
		}
	case d.LastCalibration != nil:
		def = formatShare(*d.LastCalibration)
		fmt.Fprintf(iv.Out, "Last time you guessed %s%%: Enter keeps that guess, %q gives none.\n", def, noGuess)
	}
	s, err := iv.P.Input(c.Question, c.Help, def, validShare)
	if err != nil {
		return err
	}
	d.Answers.Calibration, d.GuessGiven = nil, true
	if s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%")); s != "" && !strings.EqualFold(s, noGuess) {
		v, _ := strconv.ParseFloat(s, 64)
		d.Answers.Calibration = &v
	}
	return nil
}

func formatShare(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// reflection asks for the note to the leader's future self.
func (iv *Interview) reflection(d *Draft) error {
	r := iv.Q.Reflection
	s, err := iv.P.Input(r.Question, r.Help, d.Answers.Reflection, nil)
	if err != nil {
		return err
	}
	// One line typed or pasted at a prompt: anything invisible in it (a
	// stray escape, a direction mark) goes, the words stay.
	d.Answers.Reflection = strings.TrimSpace(plaintext.Strip(s))
	return nil
}

// peerCandidates lists the people the was_peer question offers: inside the
// organization, not above the leader, still in the circle.
func (d *Draft) peerCandidates(q *assess.Questionnaire) []int {
	w := q.WasPeer
	if w == nil {
		return nil
	}
	var out []int
	for _, i := range d.currentIndex() {
		if w.Among.Offers(q, d.Answers.People[i]) {
			out = append(out, i)
		}
	}
	return out
}

// promoted asks whether the leader was promoted from within; it is asked
// once, after the questions about each person, and only when someone could
// have been a peer. Its default is yes when anyone was a peer last time.
func (iv *Interview) promoted(d *Draft) error {
	w := iv.Q.WasPeer
	def := d.Promoted != nil && *d.Promoted
	for _, i := range d.peerCandidates(iv.Q) {
		def = def || d.Answers.People[i].WasPeer
	}
	if w.PromotedHelp != "" {
		fmt.Fprintf(iv.Out, "\n%s\n", iv.wrap(strings.TrimSpace(w.PromotedHelp)))
	}
	yes, err := iv.P.Confirm(w.Promoted, "", def)
	if err != nil {
		return err
	}
	d.Promoted = &yes
	return nil
}

// formerPeers asks, of a leader promoted from within, which of the people
// offered were once their peers. Nobody else is ever a former peer.
func (iv *Interview) formerPeers(d *Draft) error {
	w := iv.Q.WasPeer
	offered := d.peerCandidates(iv.Q)
	names := make([]string, len(offered))
	var ticked []int
	for k, i := range offered {
		names[k] = d.Answers.People[i].Name
		if d.Answers.People[i].WasPeer {
			ticked = append(ticked, k)
		}
	}
	picked, err := iv.P.MultiSelect(w.FormerPeers, w.Help, names, ticked)
	if err != nil {
		return err
	}
	for k, i := range offered {
		d.Answers.People[i].WasPeer = slices.Contains(picked, k)
	}
	return nil
}

// choose asks for one of values, each shown in its words; the cursor
// starts on the value current picks, else on values[def].
func choose[T any](p Prompter, msg, help string, values []T, words func(T) string, current func(T) bool, def int) (T, error) {
	labels := make([]string, len(values))
	for i, v := range values {
		labels[i] = words(v)
		if current(v) {
			def = i
		}
	}
	n, err := p.Select(msg, help, labels, def)
	if err != nil {
		var zero T
		return zero, err
	}
	return values[n], nil
}
