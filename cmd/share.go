package cmd

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"filippo.io/age"
	"github.com/spf13/cobra"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/store"
	"github.com/circle-cli/circle/assess/view"
)

type shareOptions struct {
	f              *Factory
	Ref            string
	File           string
	To             []string
	PassphraseFile string
	Names          bool
	Note           bool
	Plan           bool
	Earlier        bool
	Yes            bool
	// chosen records which of the choices were given as flags; the rest
	// are asked on a terminal.
	chosen map[string]bool
}

func newShareCmd(f *Factory, runF func(*shareOptions) error) *cobra.Command {
	opts := &shareOptions{f: f}
	c := &cobra.Command{
		Use:   "share [RESULT] -o FILE.age (--to RECIPIENT... | --passphrase-file FILE)",
		Short: "Write an encrypted packet of one result for a coach or a mentor",
		Long: `Write one file, encrypted with age, for someone outside your organization:
a zip that holds the report (report.html) and the JSON export of one result
(default: latest). Nothing of circle is needed to open it: the standard age
tool and any unzip.

Encrypt it to the person's age public key (age1…) or SSH public key
(ssh-ed25519 …) with --to, as often as there are people; or under a
passphrase of the packet's own with --passphrase-file FILE (its first line),
to tell them another way. The passphrase of 'circle lock' is never used.

What goes in is yours to choose, and circle lists it before writing:
  --names    names as you typed them (default: initials, such as DR)
  --note     the note you wrote that day (default: left out)
  --plan     your plan and what became of the last one (default: left out)
  --earlier  the results before this one, for what changed and the trend
             (default: this result alone)
On a terminal circle asks about each choice not given as a flag, then asks
to confirm; --yes takes the defaults for the rest and does not ask.

The coach opens it with:
  age -d -i KEY packet.age > packet.zip && unzip packet.zip
(KEY: their age identity file, or their SSH private key; with a passphrase,
age -d packet.age asks for it).` + notEncryptedShare,
		Example: `  circle share -o for-my-coach.age --to age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p
  circle share latest -o packet.age --to "$(cat coach_ed25519.pub)" --note --plan
  circle share -o packet.age --passphrase-file packet-pass.txt --yes`,
		Args: resultArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Ref = args[0]
			}
			opts.chosen = map[string]bool{}
			for _, n := range []string{"names", "note", "plan", "earlier"} {
				opts.chosen[n] = c.Flags().Changed(n)
			}
			if runF != nil {
				return runF(opts)
			}
			return runShare(opts)
		},
	}
	c.Flags().StringVarP(&opts.File, "out", "o", "", "write the packet to `FILE` (.age)")
	c.Flags().StringArrayVar(&opts.To, "to", nil, "encrypt to this age or SSH public key (repeatable)")
	c.Flags().StringVar(&opts.PassphraseFile, "passphrase-file", "", "encrypt under the passphrase on the first line of `FILE` instead")
	c.Flags().BoolVar(&opts.Names, "names", false, "show names as typed, not initials")
	c.Flags().BoolVar(&opts.Note, "note", false, "put in the note you wrote that day")
	c.Flags().BoolVar(&opts.Plan, "plan", false, "put in your plan and what became of the last one")
	c.Flags().BoolVar(&opts.Earlier, "earlier", false, "put in the results before this one too")
	c.Flags().BoolVarP(&opts.Yes, "yes", "y", false, "take the defaults for choices not given, and do not ask")
	c.ValidArgsFunction = completeResults(f, 1)
	_ = c.MarkFlagFilename("out", "age")
	_ = c.MarkFlagFilename("passphrase-file")
	return c
}

// notEncryptedShare ends share's help: the packet is the one output that
// is encrypted.
const notEncryptedShare = `

The packet is encrypted for its readers, not with circle lock's key; once
they decrypt it, what it holds is theirs to keep.`

func runShare(opts *shareOptions) error {
	f := opts.f
	if opts.File == "" || !strings.EqualFold(filepath.Ext(opts.File), ".age") || opts.File == "-" {
		return usageErrorf("name the packet with -o FILE.age")
	}
	if (len(opts.To) == 0) == (opts.PassphraseFile == "") {
		return usageErrorf("give --to RECIPIENT (one or more) or --passphrase-file FILE: who can open the packet")
	}
	var recipients []age.Recipient
	for _, to := range opts.To {
		r, err := store.ParseRecipient(to)
		if err != nil {
			return usageErrorf("--to %s: %v", oneLine(clip(to, 40)), err)
		}
		recipients = append(recipients, r)
	}
	var pass string
	if opts.PassphraseFile != "" {
		p, err := readPassphraseFile("--passphrase-file ", opts.PassphraseFile)
		if err != nil {
			return err
		}
		pass = p
	}

	st, entries, err := listResults(f)
	if err != nil {
		return err
	}
	rs, err := resolveResultsIn(f, st, entries, opts.Ref)
	if err != nil {
		return err
	}
	if pass != "" {
		if err := notTheLocksPassphrase(f, st, pass); err != nil {
			return err
		}
	}
	r := rs[0]
	var earlier []*assess.Result
	for _, x := range readable(entries) {
		if x.ID != r.ID && x.TakenAt.Before(r.TakenAt) {
			earlier = append(earlier, x)
		}
	}

	if err := askShareChoices(opts, len(earlier)); err != nil {
		return err
	}
	if !opts.Earlier {
		earlier = nil
	}
	all := append(slices.Clone(earlier), r)
	names := assess.RedactNames(all...)
	shared := make([]*assess.Result, len(all))
	for i, x := range all {
		shared[i] = shareOf(x, names, all, opts)
	}
	var prev *assess.Result
	if len(shared) > 1 {
		prev = shared[len(shared)-2]
	}

	w := f.IO.ErrOut
	fmt.Fprintf(w, "The packet will hold the report and the JSON export of %s (%s)%s:\n", oneLine(r.ID), r.TakenAt.Local().Format("2 Jan 2006"), earlierWords(len(earlier)))
	fmt.Fprintf(w, "  names:     %s\n", choiceWords(opts.Names, "as you typed them", "initials only"))
	fmt.Fprintf(w, "  your note: %s\n", choiceWords(opts.Note, "in", "left out"))
	fmt.Fprintf(w, "  your plan: %s\n", choiceWords(opts.Plan, "in", "left out"))
	if len(recipients) > 0 {
		fmt.Fprintf(w, "encrypted to %s.\n", view.Plural(len(recipients), "recipient", "recipients"))
	} else {
		fmt.Fprintln(w, "encrypted under the passphrase in "+oneLine(opts.PassphraseFile)+".")
	}
	if !opts.Yes && f.IO.CanPrompt() {
		ok, err := f.Prompter().Confirm("Write it to "+oneLine(opts.File)+"?", "", true)
		if err != nil {
			return err
		}
		if !ok {
			fmt.Fprintln(w, "Nothing was written.")
			return nil
		}
	}

	zipped, err := sharePacket(shared, prev, f.Now())
	if err != nil {
		return err
	}
	if pass != "" {
		sr, err := age.NewScryptRecipient(pass)
		if err != nil {
			return err
		}
		sr.SetWorkFactor(store.ScryptWorkFactor)
		recipients = []age.Recipient{sr}
	}
	var out bytes.Buffer
	aw, err := age.Encrypt(&out, recipients...)
	if err != nil {
		return fmt.Errorf("cannot encrypt the packet: %w", err)
	}
	if _, err := aw.Write(zipped); err != nil {
		return err
	}
	if err := aw.Close(); err != nil {
		return err
	}
	if err := writeOut(f, opts.File, out.Bytes(), false); err != nil {
		return err
	}
	fmt.Fprintf(w, "Packet written to %s. To open it: age -d -i KEY %s > circle.zip, then unzip circle.zip.\n", oneLine(opts.File), oneLine(filepath.Base(opts.File)))
	return nil
}

// askShareChoices asks, on a terminal and without --yes, each choice not
// given as a flag.
func askShareChoices(opts *shareOptions, earlier int) error {
	f := opts.f
	if opts.Yes || !f.IO.CanPrompt() {
		return nil
	}
	p := f.Prompter()
	for _, q := range []struct {
		flag, msg string
		v         *bool
		skip      bool
	}{
		{"names", "Show the names as you typed them? (No: initials, such as DR)", &opts.Names, false},
		{"note", "Put in the note you wrote that day?", &opts.Note, false},
		{"plan", "Put in your plan, and what became of the last one?", &opts.Plan, false},
		{"earlier", fmt.Sprintf("Put in the %s before this one, for what changed and the trend?", view.Plural(earlier, "result", "results")), &opts.Earlier, earlier == 0},
	} {
		if opts.chosen[q.flag] || q.skip {
			continue
		}
		v, err := p.Confirm(q.msg, "", false)
		if err != nil {
			return err
		}
		*q.v = v
	}
	return nil
}

// notTheLocksPassphrase refuses a packet passphrase that opens the data
// directory's own key: it will be told to someone else.
func notTheLocksPassphrase(f *Factory, st *store.Store, pass string) error {
	lockFile := f.Getenv(envPassphraseFile)
	if lockFile != "" {
		if lp, err := readPassphraseFile("", lockFile); err == nil && lp == pass {
			return errors.New("--passphrase-file holds the passphrase of circle lock; give the packet a passphrase of its own")
		}
	}
	if st.OpensWith(pass) {
		return errors.New("--passphrase-file holds the passphrase of circle lock; give the packet a passphrase of its own")
	}
	return nil
}

// shareOf is r as the packet shows it: names as typed or initials (from
// names, across all), the note and the plan in or out. Words of the leader
// that stay in are redacted as the names are.
func shareOf(r *assess.Result, names map[string]string, all []*assess.Result, opts *shareOptions) *assess.Result {
	var c *assess.Result
	if opts.Names {
		x := *r
		c = &x
	} else {
		c = assess.RedactWith(r, names)
		words := func(s string) string { return assess.RedactText(s, names, all...) }
		c.Reflection = words(r.Reflection)
		for i := range c.Plan {
			c.Plan[i].Step = words(r.Plan[i].Step)
		}
		for i := range c.FollowUp {
			c.FollowUp[i].Step = words(r.FollowUp[i].Step)
		}
	}
	if !opts.Note {
		c.Reflection = ""
	}
	if !opts.Plan {
		c.Plan, c.FollowUp = nil, nil
	}
	return c
}

// sharePacket zips the report of the last of rs (beside prev) and the
// JSON export of each of rs.
func sharePacket(rs []*assess.Result, prev *assess.Result, now time.Time) ([]byte, error) {
	r := rs[len(rs)-1]
	html, err := renderReport(r, prev, rs, now)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name string, data []byte) error {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: now.UTC()})
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	}
	if err := add("report.html", html); err != nil {
		return nil, err
	}
	for i, x := range rs {
		var j bytes.Buffer
		if err := writeData(&j, outputJSON, view.New(x).Data()); err != nil {
			return nil, err
		}
		name := x.ID + ".json"
		if i < len(rs)-1 {
			name = "earlier/" + name
		}
		if err := add(name, j.Bytes()); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func choiceWords(in bool, yes, no string) string {
	if in {
		return yes
	}
	return no
}

func earlierWords(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(", with the %s before it", view.Plural(n, "result", "results"))
}

// clip shortens s to n characters for a message.
func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
