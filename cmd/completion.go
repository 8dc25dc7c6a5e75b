package cmd

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/store"
	"github.com/circle-cli/circle/questionnaires"
)

// Dynamic shell completion: cobra asks these functions (through the hidden
// __complete command) what may come next, so RESULT ids, questionnaire ids
// and format names complete in bash, zsh and fish alike.

// completeResults offers saved result ids (with their date and balance as
// the description), then latest and previous. max is how many RESULT
// arguments the command takes; -1 for any number.
func completeResults(f *Factory, max int) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if max >= 0 && len(args) >= max {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		st, err := f.Store()
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		// Completion never asks for a passphrase: a locked directory
		// whose key the environment does not open offers no results.
		quiet := store.New(st.Root)
		quiet.Keys = storeKeys(f, st.Root, false)
		entries, _ := quiet.List()
		var out []cobra.Completion
		for i := len(entries) - 1; i >= 0; i-- {
			e := entries[i]
			// Only ids circle gives: a file of any other name is not
			// offered (its name could hold anything).
			if !store.IsResultID(e.ID) || !strings.HasPrefix(e.ID, toComplete) || slices.Contains(args, e.ID) {
				continue
			}
			desc := "cannot be read"
			if e.Result != nil {
				desc = fmt.Sprintf("%s, %s", e.Result.TakenAt.Local().Format("2 Jan 2006"), assess.BalanceWords(e.Result.Score(assess.ScoreBalance)))
			}
			out = append(out, cobra.CompletionWithDesc(e.ID, desc))
		}
		for _, w := range []struct{ word, desc string }{{"latest", "the newest result"}, {"previous", "the one before it"}} {
			if strings.HasPrefix(w.word, toComplete) {
				out = append(out, cobra.CompletionWithDesc(w.word, w.desc))
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeQuestionnaires offers the built-in ids; a path is completed by
// the shell as a file name.
func completeQuestionnaires(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var out []cobra.Completion
	for _, id := range questionnaires.IDs() {
		if strings.HasPrefix(id, toComplete) {
			out = append(out, cobra.CompletionWithDesc(id, "built in"))
		}
	}
	if strings.ContainsAny(toComplete, "/.") || len(out) == 0 {
		return out, cobra.ShellCompDirectiveDefault
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeWords offers a fixed list, such as formats or layouts.
func completeWords(words ...string) cobra.CompletionFunc {
	return cobra.FixedCompletions(words, cobra.ShellCompDirectiveNoFileComp)
}
