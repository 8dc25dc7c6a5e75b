//go:build unix

// Command benchtool is the helper of scripts/bench-map, the whole-process
// benchmark of `circle map` (make bench). It is not part of circle.
//
//	benchtool fixtures -home DIR -people 15|60
//	    saves one realistic result with that many people (varied names,
//	    relationships and rings, three open gaps and a warning) into DIR, a
//	    CIRCLE_HOME created 0700, and prints a one-line description.
//	benchtool median FILE.json
//	    prints the median, in milliseconds, of a hyperfine --export-json file.
//	benchtool measure [-runs N] [-warmup W] -- COMMAND [ARG...]
//	    runs COMMAND (environment inherited, output discarded) W times
//	    untimed, then N times, and prints "MEDIAN_MS PEAK_RSS_KB": the
//	    median wall time, and the highest maximum resident set size of the
//	    timed runs (getrusage of each child). A failing run is an error.
//
// Everything is deterministic: the same fixture on every run and machine.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/store"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "fixtures":
		err = fixtures(os.Args[2:])
	case "median":
		err = median(os.Args[2:])
	case "measure":
		err = measure(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtool:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: benchtool fixtures -home DIR -people N | median FILE.json | measure [-runs N] [-warmup W] -- COMMAND [ARG...]")
	os.Exit(2)
}

// takenAt is the fixed time of every fixture.
var takenAt = time.Date(2026, 9, 30, 10, 0, 0, 0, time.UTC)

func fixtures(args []string) error {
	fs := flag.NewFlagSet("fixtures", flag.ContinueOnError)
	home := fs.String("home", "", "the CIRCLE_HOME to write into (created 0700)")
	n := fs.Int("people", 15, "how many people: 15 uses a hand-written circle, any other number a generated one")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *home == "" || *n < 1 || *n > assess.MaxPeople {
		return errors.New("fixtures needs -home DIR and -people 1…500")
	}
	people := fifteen()
	if *n != len(people) {
		people = generated(*n)
	}
	q, err := assess.LoadQuestionnaire("")
	if err != nil {
		return err
	}
	// A leader a few months into a bigger role: isolated, filtering a lot.
	scales := map[string]int{
		"fewer-open-conversations": 4, "decide-alone": 4, "someone-to-call": 3, "unseen-demands": 4,
		"understood-outside": 3, "on-my-own": 3, "careful-words": 5, "hide-doubts": 4,
		"say-what-i-think": 3, "rehearsed-self": 4, "admit-mistakes": 2, "hear-what-i-want": 3,
	}
	a := &assess.Answers{People: people, Scales: map[string]int{}, Reflection: "Benchmark fixture: not a real person's circle."}
	for _, it := range q.Likert.Items {
		v, ok := scales[it.ID]
		if !ok {
			v = 3
		}
		a.Scales[it.ID] = v
	}
	guess := 45.0
	a.Calibration = &guess
	if err := a.Check(q, "fixture", nil); err != nil {
		return err
	}
	r := assess.NewResult(q, a, takenAt)
	if err := os.MkdirAll(*home, 0o700); err != nil {
		return err
	}
	if err := os.Chmod(*home, 0o700); err != nil {
		return err
	}
	path, err := store.New(*home).Save(r)
	if err != nil {
		return err
	}
	open, warn := 0, 0
	for _, g := range r.Findings {
		if g.Severity == "gap" {
			open++
		} else {
			warn++
		}
	}
	fmt.Printf("%d people, %s, %s: %s\n", len(r.People), plural(open, "open gap"), plural(warn, "warning"), path)
	return nil
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func per(name, rel string, ring assess.Ring, freq assess.Frequency, candour int, fns ...string) assess.Person {
	if fns == nil {
		fns = []string{}
	}
	return assess.Person{Name: name, Relationship: rel, Ring: ring, Frequency: freq, Candour: candour, Functions: fns}
}

const (
	in  = assess.Inner
	mid = assess.Middle
	out = assess.Outer
	wk  = assess.Weekly
	mo  = assess.Monthly
	qu  = assess.Quarterly
	ra  = assess.Rarely
)

// fifteen is a leader's circle as one would describe it. Open: no outside
// thinking partner (the new coach is not yet someone to be candid with),
// no confidential sounding board outside, nobody without power over them
// who has held a role like theirs; and a warning for leaning on a former
// peer.
func fifteen() []assess.Person {
	return []assess.Person{
		per("Catherine Okonkwo", "supervisor", mid, wk, 2, "strategic_advice"),
		per("Robert Hållén", "board", out, qu, 2, "strategic_advice", "been_there"),
		per("Meera Krishnan", "direct_report", mid, wk, 3, "honest_feedback"),
		per("Luis Ortega", "direct_report", out, wk, 3),
		per("Hannah Schröder", "hr", out, mo, 2, "sounding_board"),
		per("Daniel Cohen", "peer", mid, mo, 3, "strategic_advice", "honest_feedback"),
		per("Sipho Dlamini", "other_internal", in, wk, 4, "thinking_partner", "emotional_support"),
		per("Yuki Watanabe", "other_internal", out, mo, 3, "strategic_advice"),
		per("Grace O'Connell", "coach", mid, mo, 3, "honest_feedback", "thinking_partner"),
		per("Ahmed Benali", "mentor", out, qu, 3, "strategic_advice"),
		per("Ingrid Lund", "former_colleague", out, ra, 4, "honest_feedback"),
		per("Marta Wiśniewska", "friend", in, wk, 5, "life_outside_work", "emotional_support"),
		per("Chris Park", "friend", mid, mo, 4, "life_outside_work"),
		per("Élodie Martin", "family", in, wk, 5, "emotional_support", "life_outside_work"),
		per("Tomás Ferreira", "other_external", out, ra, 3, "strategic_advice"),
	}
}

// generated is a large circle, the same on every run: the head of a big
// organization with a board, a wide team and many outside ties, with the
// same open gaps and warning as fifteen.
func generated(n int) []assess.Person {
	first := []string{"Amara", "Benedikt", "Chiara", "Dmitri", "Elena", "Farid", "Grace", "Hiroshi", "Inès", "Jakub",
		"Kwame", "Lucía", "Mateo", "Nadia", "Oskar", "Paulina", "Quentin", "Rosa", "Stefan", "Tanvi", "Ulla",
		"Viktor", "Wen", "Ximena", "Yusuf", "Zanele", "Aoife", "Bongani", "Camille", "Deepa", "Emeka", "Freya",
		"Gustavo", "Hana", "Ilya", "Jun", "Katarzyna", "Leila", "Mikael", "Nkechi", "Olga", "Pedro"}
	last := []string{"Abebe", "Brennan", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Haddad", "Ivanova",
		"Jensen", "Kowalski", "Lefèvre", "Moreau", "Nakamura", "O'Brien", "Petrov", "Quinn", "Rossi", "Schmidt",
		"Tanaka", "Uçar", "Van der Berg", "Wójcik", "Xu", "Yamamoto", "Zimmermann", "Achebe", "Bjørnstad",
		"Chaudhry", "Delgado", "Nguyễn", "Okafor", "Papadopoulos", "Silva", "Thorsen", "Mbeki"}
	// Relationship and ring mix of a large circle: most ties inside the
	// organization, mostly middle and outer.
	rels := []struct {
		id     string
		weight int
		rings  []assess.Ring
	}{
		{"supervisor", 1, []assess.Ring{mid}},
		{"board", 5, []assess.Ring{out, out, mid}},
		{"direct_report", 12, []assess.Ring{mid, out, out}},
		{"hr", 2, []assess.Ring{out}},
		{"peer", 8, []assess.Ring{mid, out}},
		{"other_internal", 8, []assess.Ring{out, out, mid}},
		{"coach", 1, []assess.Ring{mid}},
		{"mentor", 2, []assess.Ring{mid, out}},
		{"peer_group", 4, []assess.Ring{mid, out}},
		{"former_colleague", 6, []assess.Ring{out, mid}},
		{"other_external", 4, []assess.Ring{out}},
		{"friend", 5, []assess.Ring{in, mid, out}},
		{"family", 2, []assess.Ring{in}},
	}
	fns := []string{"thinking_partner", "sounding_board", "emotional_support", "strategic_advice", "honest_feedback", "life_outside_work"}
	freqs := []assess.Frequency{wk, mo, mo, qu, qu, ra}
	var bag []int
	for i, r := range rels {
		for range r.weight {
			bag = append(bag, i)
		}
	}
	rng := rand.New(rand.NewPCG(60, 2026))
	seen := map[string]bool{}
	people := []assess.Person{
		// The fixed points: a former peer as confidant (the warning), a
		// partner in the inner circle, a board chair who has been there
		// (but has power, so the been-there gap stays open).
		per("Sipho Dlamini", "other_internal", in, wk, 4, "thinking_partner", "sounding_board"),
		per("Élodie Martin", "family", in, wk, 5, "emotional_support", "life_outside_work"),
		per("Robert Hållén", "board", out, qu, 2, "strategic_advice", "been_there"),
	}
	for _, p := range people {
		seen[assess.NameKey(p.Name)] = true
	}
	for len(people) < n {
		name := first[rng.IntN(len(first))] + " " + last[rng.IntN(len(last))]
		if seen[assess.NameKey(name)] {
			continue
		}
		seen[assess.NameKey(name)] = true
		r := rels[bag[rng.IntN(len(bag))]]
		var f []string
		for range rng.IntN(4) {
			fn := fns[rng.IntN(len(fns))]
			if !slices.Contains(f, fn) {
				f = append(f, fn)
			}
		}
		candour := 1 + rng.IntN(5)
		external := !strings.Contains("supervisor board direct_report hr peer other_internal", r.id)
		if external && (slices.Contains(f, "thinking_partner") || slices.Contains(f, "sounding_board")) {
			// Keeps the two outside gaps open: nobody outside yet to be
			// fully candid with about the unfinished thinking.
			candour = min(candour, 3)
		}
		people = append(people, per(name, r.id, r.rings[rng.IntN(len(r.rings))], freqs[rng.IntN(len(freqs))], candour, f...))
	}
	return people[:n]
}

func median(args []string) error {
	if len(args) != 1 {
		return errors.New("median needs one hyperfine JSON file")
	}
	data, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	var v struct {
		Results []struct {
			Median float64   `json:"median"`
			Times  []float64 `json:"times"`
		} `json:"results"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return fmt.Errorf("%s: %v", args[0], err)
	}
	if len(v.Results) != 1 {
		return fmt.Errorf("%s: %d results, want 1", args[0], len(v.Results))
	}
	fmt.Printf("%.1f\n", v.Results[0].Median*1000)
	return nil
}

func measure(args []string) error {
	fs := flag.NewFlagSet("measure", flag.ContinueOnError)
	runs := fs.Int("runs", 15, "timed runs")
	warmup := fs.Int("warmup", 2, "untimed runs first")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cmd := fs.Args()
	if len(cmd) == 0 || *runs < 1 {
		return errors.New("measure needs -runs ≥ 1 and a command after --")
	}
	var times []time.Duration
	var peak int64
	for i := range *warmup + *runs {
		c := exec.Command(cmd[0], cmd[1:]...)
		var stderr strings.Builder
		c.Stderr = &stderr
		start := time.Now()
		err := c.Run()
		d := time.Since(start)
		if err != nil {
			return fmt.Errorf("%s: %v\n%s", strings.Join(cmd, " "), err, stderr.String())
		}
		if i < *warmup {
			continue
		}
		times = append(times, d)
		if ru, ok := c.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss := int64(ru.Maxrss) // kilobytes on Linux and the BSDs
			if runtime.GOOS == "darwin" {
				rss /= 1024 // bytes on macOS
			}
			peak = max(peak, rss)
		}
	}
	slices.Sort(times)
	m := times[len(times)/2]
	if len(times)%2 == 0 {
		m = (times[len(times)/2-1] + times[len(times)/2]) / 2
	}
	fmt.Printf("%.1f %d\n", float64(m)/float64(time.Millisecond), peak)
	return nil
}
