package interview

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/plaintext"
)

// Interview asks a questionnaire's questions and fills a Draft.
type Interview struct {
	Q   *assess.Questionnaire
	P   Prompter
	Out io.Writer
	// Save is called after every answer, so that nothing given so far is
	// lost when the interview stops, however it stops.
	Save func(*Draft) error
	Now  func() time.Time
}

// The sections of the interview, as the progress line names them. A
// re-run that starts from an earlier result has one more, "Since last
// time", after the welcome.
const (
	secWelcome = "Welcome"
	secSince   = "Since last time"
	secPeople  = "Your people"
	secPerson  = "About each person"
	secLikert  = "How the role feels"
	secResults = "Before your results"
)

func (d *Draft) sections() []string {
	if d.CarriedFrom != "" {
		return []string{secWelcome, secSince, secPeople, secPerson, secLikert, secResults}
	}
	return []string{secWelcome, secPeople, secPerson, secLikert, secResults}
}

// Run asks every question the draft has no answer for yet, in order, and
// returns the completed answers. It returns ErrInterrupted (with the draft
// saved) when the user stops.
func (iv *Interview) Run(d *Draft) (*assess.Answers, error) {
	q := iv.Q
	resumed := len(d.Done) > 0
	if resumed {
		fmt.Fprintf(iv.Out, "Welcome back. Picking up where you stopped; your earlier answers are kept.\n\n")
	} else {
		iv.section(d, secWelcome)
		fmt.Fprintf(iv.Out, "%s\n\n%s\n", q.Title, strings.TrimSpace(q.Intro))
	}

	if err := iv.carryForward(d); err != nil {
		return nil, err
	}

	for {
		if err := iv.generators(d); err != nil {
			return nil, err
		}
		if len(d.current()) > 0 || d.has(keyNoPeople) {
			break
		}
		// Nobody named: ask whether that was meant before going on, since
		// every gap will open.
		meant, err := iv.P.Confirm("You have not named anyone. Is that how it is right now?",
			"Yes: go on, and the results will say where to start. No: go back and name the people you lean on.", false)
		if err != nil {
			return nil, err
		}
		if meant {
			if err := iv.mark(d, keyNoPeople); err != nil {
				return nil, err
			}
			break
		}
		d.redoGenerators()
	}
	people := d.Answers.People
	if iv.pending(d, "person:", len(people), func(i int) string { return strconv.Itoa(i) + ":functions" }) {
		iv.section(d, secPerson)
		if q.Person.Intro != "" {
			fmt.Fprintln(iv.Out, q.Person.Intro)
		}
	}
	for i := range d.Answers.People {
		if d.dropped(i) {
			continue
		}
		if err := iv.person(d, i); err != nil {
			return nil, err
		}
	}

	if err := iv.wasPeer(d); err != nil {
		return nil, err
	}

	items := q.Likert.Items
	if iv.pending(d, "likert:", len(items), func(i int) string { return items[i].ID }) {
		iv.section(d, secLikert)
		if q.Likert.Intro != "" {
			fmt.Fprintln(iv.Out, q.Likert.Intro)
		}
	}
	for i, it := range items {
		key := "likert:" + it.ID
		if d.has(key) {
			continue
		}
		def := 2
		if v, ok := d.Answers.Scales[it.ID]; ok {
			def = v - 1
		}
		n, err := iv.P.Select(fmt.Sprintf("(%d/%d) %s", i+1, len(items), it.Text), "", assess.LikertLabels, def)
		if err != nil {
			return nil, err
		}
		if d.Answers.Scales == nil {
			d.Answers.Scales = map[string]int{}
		}
		d.Answers.Scales[it.ID] = n + 1
		if err := iv.mark(d, key); err != nil {
			return nil, err
		}
	}

	askCal := q.Calibration.Question != "" && !d.has("calibration")
	askRef := q.Reflection.Question != "" && !d.has("reflection")
	if askCal || askRef {
		iv.section(d, secResults)
	}
	if askCal {
		s, err := iv.P.Input(q.Calibration.Question, q.Calibration.Help, "", validShare)
		if err != nil {
			return nil, err
		}
		if s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%")); s != "" {
			v, _ := strconv.ParseFloat(s, 64)
			d.Answers.Calibration = &v
		}
		if err := iv.mark(d, "calibration"); err != nil {
			return nil, err
		}
	}
	if askRef {
		s, err := iv.P.Input(q.Reflection.Question, q.Reflection.Help, d.Answers.Reflection, nil)
		if err != nil {
			return nil, err
		}
		// One line typed or pasted at a prompt: anything invisible in it
		// (a stray escape, a direction mark) goes, the words stay.
		d.Answers.Reflection = strings.TrimSpace(plaintext.Strip(s))
		if err := iv.mark(d, "reflection"); err != nil {
			return nil, err
		}
	}
	a := d.Answers
	a.People = d.current()
	return &a, nil
}

// generators asks the name generators not yet asked.
func (iv *Interview) generators(d *Draft) error {
	q := iv.Q
	if iv.pending(d, "gen:", len(q.Generators), func(i int) string { return q.Generators[i].ID }) {
		iv.section(d, secPeople)
		if d.CarriedFrom != "" {
			fmt.Fprintf(iv.Out, "Anyone new? The people you kept are already in your circle: name only new ones,\none at a time, Enter on an empty line to go on.\n")
		} else {
			fmt.Fprintf(iv.Out, "Name the people you lean on: one name at a time, Enter on an empty line to go on.\nSomeone you have named already is offered again, so nobody is typed twice.\n")
		}
	}
	for i, g := range q.Generators {
		key := "gen:" + g.ID
		if d.has(key) {
			continue
		}
		if err := iv.generator(d, i, g); err != nil {
			return err
		}
		if err := iv.mark(d, key); err != nil {
			return err
		}
	}
	return nil
}

// section prints the progress line that opens a section.
func (iv *Interview) section(d *Draft, name string) {
	all := d.sections()
	for i, s := range all {
		if s == name {
			fmt.Fprintf(iv.Out, "\n── %d of %d · %s ──\n", i+1, len(all), name)
		}
	}
}

// Choices for a person carried forward from the last result.
const (
	carryUnchanged = iota
	carryChanged
	carryGone
)

// carryForward asks, for each person in the last result, whether they are
// still in the circle. Keeping someone unchanged is one keystroke: their
// per-person answers are marked as given. Someone who changed is asked
// about again later, with last time's answers as the defaults.
func (iv *Interview) carryForward(d *Draft) error {
	if d.CarriedFrom == "" || !iv.pending(d, "carry:", d.Carried, strconv.Itoa) {
		return nil
	}
	iv.section(d, secSince)
	fmt.Fprintf(iv.Out, "Last time (%s) these people were in your circle. Enter keeps someone as they were.\n", d.CarriedAt.Local().Format("2 Jan 2006"))
	for i := 0; i < d.Carried && i < len(d.Answers.People); i++ {
		key := "carry:" + strconv.Itoa(i)
		if d.has(key) {
			continue
		}
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
			for _, field := range personFields {
				d.Done = append(d.Done, "person:"+strconv.Itoa(i)+":"+field)
			}
		}
		if err := iv.mark(d, key); err != nil {
			return err
		}
	}
	return nil
}

var personFields = []string{"relationship", "ring", "frequency", "candour", "functions"}

// describe sums up a person's last answers in a few words: "your manager,
// the person you report to; middle circle; 20 or more times a year;
// candour 2 · careful".
func (iv *Interview) describe(p assess.Person) string {
	q := iv.Q
	rel := p.Relationship
	if r, ok := q.Relationship(p.Relationship); ok && r.Label != "" {
		rel = lowerFirst(r.Label)
	}
	if p.WasPeer {
		rel += ", once your peer"
	}
	freq, _, _ := strings.Cut(q.FrequencyLabel(p.Frequency), " (")
	candour := strconv.Itoa(p.Candour)
	if labels := q.CandourLabels(); p.Candour >= assess.MinAnswer && p.Candour <= len(labels) {
		candour = lowerFirst(labels[p.Candour-1])
		candour, _, _ = strings.Cut(candour, ":")
	}
	return fmt.Sprintf("%s; %s circle; %s; candour %s", rel, p.Ring, lowerFirst(freq), candour)
}

// lowerFirst lower-cases the first letter of a label that starts a
// sentence, unless it is an acronym (HR partner stays HR partner).
func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) == 0 || (len(r) > 1 && unicode.IsUpper(r[1])) {
		return s
	}
	r[0] = unicode.ToLower(r[0])
	return string(r)
}

// pending reports whether any of n steps with the given prefix is still to
// be asked, so that a resumed interview does not announce finished sections.
func (iv *Interview) pending(d *Draft, prefix string, n int, key func(int) string) bool {
	for i := 0; i < n; i++ {
		if !d.has(prefix + key(i)) {
			return true
		}
	}
	return false
}

func (iv *Interview) mark(d *Draft, key string) error {
	d.Done = append(d.Done, key)
	return iv.save(d)
}

func (iv *Interview) save(d *Draft) error {
	if iv.Now != nil {
		d.UpdatedAt = iv.Now().UTC().Truncate(time.Second)
	}
	if iv.Save == nil {
		return nil
	}
	return iv.Save(d)
}

// generator asks one name generator: first which of the people named so far
// belong here, then for new names, one at a time.
func (iv *Interview) generator(d *Draft, i int, g assess.Generator) error {
	q := iv.Q
	question := fmt.Sprintf("(%d/%d) %s", i+1, len(q.Generators), g.Question)
	already := d.Named[g.ID]
	// Offered again: the people named earlier in this interview. People
	// carried from last time were described already.
	var offered []int
	for j := d.Carried; j < len(d.Answers.People); j++ {
		if !d.dropped(j) {
			offered = append(offered, j)
		}
	}
	if len(offered) > 0 {
		names := make([]string, len(offered))
		var ticked []int
		for k, j := range offered {
			names[k] = d.Answers.People[j].Name
			if containsKey(already, names[k]) {
				ticked = append(ticked, k)
			}
		}
		picked, err := iv.P.MultiSelect(question, "Tick anyone already named (space), then Enter. New names come next.", names, ticked)
		if err != nil {
			return err
		}
		for _, k := range picked {
			iv.link(d, g, offered[k])
		}
		if err := iv.save(d); err != nil {
			return err
		}
		question = "Anyone else? (a new name, or Enter to go on)"
	}
	for {
		name, err := iv.P.Input(question, g.Help, "", validName)
		if err != nil {
			return err
		}
		name = strings.Join(strings.Fields(name), " ")
		if name == "" {
			return nil
		}
		if j := d.find(name); j >= 0 && d.dropped(j) {
			// Back after all: undo "no longer", and ask about them afresh.
			d.undrop(j)
			iv.link(d, g, j)
			fmt.Fprintf(iv.Out, "  %s is back in your circle.\n", d.Answers.People[j].Name)
		} else if j >= 0 {
			iv.link(d, g, j)
			fmt.Fprintf(iv.Out, "  %s is already in your circle; noted here too.\n", d.Answers.People[j].Name)
		} else if len(d.current()) >= assess.MaxPeople {
			fmt.Fprintf(iv.Out, "  That is %d people, as many as circle takes.\n", assess.MaxPeople)
			return nil
		} else {
			d.Answers.People = append(d.Answers.People, assess.Person{Name: name})
			iv.link(d, g, len(d.Answers.People)-1)
		}
		if err := iv.save(d); err != nil {
			return err
		}
		question = "Anyone else? (a new name, or Enter to go on)"
	}
}

// link records that generator g named person j, and pre-ticks the
// generator's functions for them.
func (iv *Interview) link(d *Draft, g assess.Generator, j int) {
	p := &d.Answers.People[j]
	if d.Named == nil {
		d.Named = map[string][]string{}
	}
	if !containsKey(d.Named[g.ID], p.Name) {
		d.Named[g.ID] = append(d.Named[g.ID], p.Name)
	}
	for _, f := range g.Functions {
		if !slices.Contains(p.Functions, f) {
			p.Functions = append(p.Functions, f)
		}
	}
	p.Functions = iv.inOrder(p.Functions)
}

// inOrder sorts function ids in the questionnaire's order.
func (iv *Interview) inOrder(fns []string) []string {
	var out []string
	for _, f := range iv.Q.Functions {
		if slices.Contains(fns, f.ID) {
			out = append(out, f.ID)
		}
	}
	return out
}

// person asks the per-person questions still unanswered for person i.
func (iv *Interview) person(d *Draft, i int) error {
	q := iv.Q
	p := &d.Answers.People[i]
	key := func(field string) string { return "person:" + strconv.Itoa(i) + ":" + field }
	header := false
	ask := func(field string, do func() error) error {
		if d.has(key(field)) {
			return nil
		}
		if !header {
			fmt.Fprintf(iv.Out, "\nPerson %d of %d: %s\n", d.position(i), len(d.current()), p.Name)
			header = true
		}
		if err := do(); err != nil {
			return err
		}
		return iv.mark(d, key(field))
	}
	name := func(prompt string) string { return strings.ReplaceAll(prompt, "{name}", p.Name) }

	if err := ask("relationship", func() error {
		rel, err := choose(iv.P, name(q.Person.Relationship), "", q.Relationships, func(r assess.Relationship) string {
			if r.Label == "" {
				return r.ID
			}
			return r.Label
		}, func(r assess.Relationship) bool { return r.ID == p.Relationship }, 0)
		if err == nil {
			p.Relationship = rel.ID
			if rel.Side == assess.External {
				// Only someone inside can have been a peer.
				p.WasPeer = false
			}
		}
		return err
	}); err != nil {
		return err
	}
	if err := ask("ring", func() error {
		r, err := choose(iv.P, name(q.Person.Ring), "", assess.Rings, q.RingLabel, func(r assess.Ring) bool { return r == p.Ring }, 1)
		if err == nil {
			p.Ring = r
		}
		return err
	}); err != nil {
		return err
	}
	if err := ask("frequency", func() error {
		f, err := choose(iv.P, name(q.Person.Frequency), "", assess.Frequencies, q.FrequencyLabel, func(f assess.Frequency) bool { return f == p.Frequency }, 1)
		if err == nil {
			p.Frequency = f
		}
		return err
	}); err != nil {
		return err
	}
	if err := ask("candour", func() error {
		labels := q.CandourLabels()
		// The help is part of the question, not behind "?": the leader
		// should see who counts as a confidant while choosing.
		msg := name(q.Person.Candour)
		if help := strings.TrimSpace(q.CandourHelp()); help != "" {
			msg += " (" + strings.TrimSuffix(help, ".") + ".)"
		}
		c, err := choose(iv.P, msg, "", []int{1, 2, 3, 4, 5}, func(c int) string { return labels[c-1] },
			func(c int) bool { return c == p.Candour }, 2)
		if err == nil {
			p.Candour = c
		}
		return err
	}); err != nil {
		return err
	}
	return ask("functions", func() error {
		labels := make([]string, len(q.Functions))
		var ticked []int
		for j, f := range q.Functions {
			labels[j] = q.FunctionLabel(f.ID)
			if slices.Contains(p.Functions, f.ID) {
				ticked = append(ticked, j)
			}
		}
		picked, err := iv.P.MultiSelect(name(q.Person.Functions), "", labels, ticked)
		if err == nil {
			p.Functions = []string{}
			for _, j := range picked {
				p.Functions = append(p.Functions, q.Functions[j].ID)
			}
		}
		return err
	})
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

// keyNoPeople marks that the leader said an empty circle is how it is.
const keyNoPeople = "no-people"

// The was_peer steps: whether the leader was promoted from within, and
// which of their people were once their peers.
const (
	keyPromoted    = "promoted"
	keyFormerPeers = "former-peers"
)

// wasPeer asks the was_peer questions once, after the questions about each
// person, and only when someone could have been a peer: "promoted from
// within?", and if so one multi-select of the people the questionnaire
// offers (inside the organization, not above the leader). Nobody else is
// ever a former peer.
func (iv *Interview) wasPeer(d *Draft) error {
	w := iv.Q.WasPeer
	var offered []int
	for i, p := range d.Answers.People {
		if !d.dropped(i) && w != nil && w.Among.Offers(iv.Q, p) {
			offered = append(offered, i)
		}
	}
	defer func() {
		for i := range d.Answers.People {
			if !slices.Contains(offered, i) || (d.Promoted != nil && !*d.Promoted) {
				d.Answers.People[i].WasPeer = false
			}
		}
	}()
	if len(offered) == 0 {
		return nil
	}
	if !d.has(keyPromoted) {
		def := d.Promoted != nil && *d.Promoted
		for _, i := range offered {
			def = def || d.Answers.People[i].WasPeer
		}
		if w.PromotedHelp != "" {
			fmt.Fprintf(iv.Out, "\n%s\n", strings.TrimSpace(w.PromotedHelp))
		}
		yes, err := iv.P.Confirm(w.Promoted, "", def)
		if err != nil {
			return err
		}
		d.Promoted = &yes
		if err := iv.mark(d, keyPromoted); err != nil {
			return err
		}
	}
	if d.Promoted == nil || !*d.Promoted || d.has(keyFormerPeers) {
		return nil
	}
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
	return iv.mark(d, keyFormerPeers)
}

func validName(s string) error {
	s = strings.TrimSpace(s)
	if n := utf8.RuneCountInString(s); n > assess.MaxNameLength {
		return fmt.Errorf("that is %d characters; use at most %d (initials are fine)", n, assess.MaxNameLength)
	}
	if assess.HasControl(s) {
		// Pasted names often carry invisible direction marks; refuse them
		// here, where the leader can retype, not at the end.
		return fmt.Errorf("that name holds invisible control or direction characters; please type it again")
	}
	return nil
}

func validShare(s string) error {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if s == "" {
		return nil
	}
	v, err := strconv.ParseFloat(s, 64)
	// !(in range) rather than (out of range): "nan" parses, and NaN is
	// neither below 0 nor above 100.
	if err != nil || !(v >= 0 && v <= 100) {
		return fmt.Errorf("give a number from 0 to 100, or press Enter to skip")
	}
	return nil
}

func containsKey(names []string, name string) bool {
	for _, n := range names {
		if assess.NameKey(n) == assess.NameKey(name) {
			return true
		}
	}
	return false
}
