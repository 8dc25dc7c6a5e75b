package prompter

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/AlecAivazis/survey/v2"
	"github.com/AlecAivazis/survey/v2/core"

	"github.com/circle-cli/circle/assess/prose"
)

// survey writes a question, its hint and its answer on one line and lets
// the terminal wrap what does not fit, in the middle of a word ("mo/ve" at
// 80 columns). circle's templates, in place of survey's, break every line
// between words at the terminal's width: the question is wrapped before it
// is asked, and the hint and the answer go on the question's last line
// when they fit there, else on lines of their own.

// width is the terminal's width for the question being asked; survey asks
// one question at a time.
var width struct {
	sync.Mutex
	cols int
}

func setWidth(cols int) {
	width.Lock()
	defer width.Unlock()
	width.cols = cols
}

func cols() int {
	width.Lock()
	defer width.Unlock()
	if width.cols < 20 {
		return 80
	}
	return width.cols
}

// prefix is what survey writes before a question: its icon and a space.
const prefix = 2

// wrapMessage breaks a question (or the help shown after its "ⓘ") into
// lines that fit after survey's two-column icon, the lines after the first
// indented to match.
func wrapMessage(msg string) string {
	lines := strings.Split(prose.Wrap(msg, cols()-prefix, ""), "\n")
	return strings.Join(lines, "\n  ")
}

// endColumn is the column where what is on screen (a question, and what
// follows it) ends: its last line's width, after survey's icon when it
// has only one line.
func endColumn(onScreen string) int {
	last := onScreen[strings.LastIndex(onScreen, "\n")+1:]
	used := utf8.RuneCountInString(last)
	if !strings.Contains(onScreen, "\n") {
		used += prefix
	}
	return used
}

// after puts text after the last line of what is already on screen (the
// question) when it fits, else on lines of its own, wrapped.
func after(onScreen, text string) string {
	if text == "" {
		return ""
	}
	if endColumn(onScreen)+1+utf8.RuneCountInString(text) <= cols() {
		return " " + text
	}
	return "\n" + prose.Wrap(text, cols(), "  ")
}

// typingRoom is the room an answer being typed needs on its line: survey
// loses a line of the screen when typed text wraps, so a question that
// leaves less than this moves the typing to a line of its own.
const typingRoom = 40

// inputTail is what follows an Input question before the answer is typed:
// the help hint and the default, then the cursor, with room to type.
func inputTail(msg, help string, showingHelp bool, def string) string {
	var parts []string
	if help != "" && !showingHelp {
		parts = append(parts, "[? for help]")
	}
	if def != "" {
		parts = append(parts, "("+def+")")
	}
	tail := after(msg, strings.Join(parts, " "))
	if endColumn(msg+tail)+1+typingRoom > cols() {
		return tail + "\n  "
	}
	return tail + " "
}

var installTemplates sync.Once

// install puts circle's templates and their functions in place of survey's.
func install() {
	installTemplates.Do(func() {
		funcs := map[string]any{"after": after, "wrapHelp": wrapMessage, "inputTail": inputTail}
		for name, f := range funcs {
			core.TemplateFuncsWithColor[name] = f
			core.TemplateFuncsNoColor[name] = f
		}
		survey.SelectQuestionTemplate = selectTemplate
		survey.MultiSelectQuestionTemplate = multiSelectTemplate
		survey.InputQuestionTemplate = inputTemplate
		survey.ConfirmQuestionTemplate = confirmTemplate
	})
}

// The four templates keep survey's data and icons; only where lines break
// is circle's.
const helpLine = `{{- if .ShowHelp }}{{- color .Config.Icons.Help.Format }}{{ .Config.Icons.Help.Text }} {{ wrapHelp .Help }}{{color "reset"}}{{"\n"}}{{end}}
{{- color .Config.Icons.Question.Format }}{{ .Config.Icons.Question.Text }} {{color "reset"}}`

const selectTemplate = `
{{- define "option"}}
    {{- if eq .SelectedIndex .CurrentIndex }}{{color .Config.Icons.SelectFocus.Format }}{{ .Config.Icons.SelectFocus.Text }} {{else}}{{color "default"}}  {{end}}
    {{- .CurrentOpt.Value}}
    {{- color "reset"}}
{{end}}
` + helpLine + `
{{- color "default+hb"}}{{ .Message }}{{ .FilterMessage }}{{color "reset"}}
{{- if .ShowAnswer}}{{color "cyan"}}{{ after .Message .Answer }}{{color "reset"}}{{"\n"}}
{{- else}}
  {{- color "cyan"}}{{ after (print .Message .FilterMessage) (print "[arrows to move, type to filter" (or (and .Help (not .ShowHelp) ", ? for help") "") "]") }}{{color "reset"}}
  {{- "\n"}}
  {{- range $ix, $option := .PageEntries}}
    {{- template "option" $.IterateOption $ix $option}}
  {{- end}}
{{- end}}`

const multiSelectTemplate = `
{{- define "option"}}
    {{- if eq .SelectedIndex .CurrentIndex }}{{color .Config.Icons.SelectFocus.Format }}{{ .Config.Icons.SelectFocus.Text }}{{color "reset"}}{{else}} {{end}}
    {{- if index .Checked .CurrentOpt.Index }}{{color .Config.Icons.MarkedOption.Format }} {{ .Config.Icons.MarkedOption.Text }} {{else}}{{color .Config.Icons.UnmarkedOption.Format }} {{ .Config.Icons.UnmarkedOption.Text }} {{end}}
    {{- color "reset"}}
    {{- " "}}{{- .CurrentOpt.Value}}
{{end}}
` + helpLine + `
{{- color "default+hb"}}{{ .Message }}{{ .FilterMessage }}{{color "reset"}}
{{- if .ShowAnswer}}{{color "cyan"}}{{ after .Message .Answer }}{{color "reset"}}{{"\n"}}
{{- else }}
  {{- color "cyan"}}{{ after (print .Message .FilterMessage) (print "[arrows to move, space to tick, type to filter" (or (and .Help (not .ShowHelp) ", ? for help") "") "]") }}{{color "reset"}}
  {{- "\n"}}
  {{- range $ix, $option := .PageEntries}}
    {{- template "option" $.IterateOption $ix $option}}
  {{- end}}
{{- end}}`

// The answer being typed follows the question; a question that leaves
// too little room for it ends its line, and the answer starts the next.
const inputTemplate = helpLine + `
{{- color "default+hb"}}{{ .Message }}{{color "reset"}}
{{- if .ShowAnswer}}
  {{- color "cyan"}}{{ after .Message .Answer }}{{color "reset"}}{{"\n"}}
{{- else }}
  {{- color "cyan"}}{{ inputTail .Message .Help .ShowHelp .Default }}{{color "reset"}}
{{- end}}`

const confirmTemplate = helpLine + `
{{- color "default+hb"}}{{ .Message }}{{color "reset"}}
{{- if .Answer}}
  {{- color "cyan"}}{{ after .Message .Answer }}{{color "reset"}}{{"\n"}}
{{- else }}
  {{- color "white"}}{{ after .Message (print (or (and .Help (not .ShowHelp) "[? for help] ") "") (or (and .Default "(Y/n)") "(y/N)")) }}{{color "reset"}}
  {{- " "}}
{{- end}}`
