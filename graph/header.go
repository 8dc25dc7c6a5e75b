package graph

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/circle-cli/circle/assess"
)

// subtitle is the second title line: the date and the balance in words.
func subtitle(r *assess.Result, loc *time.Location) string {
	t := r.TakenAt
	if loc != nil {
		t = t.In(loc)
	}
	b := r.Score(assess.ScoreBalance)
	s := t.Format("2 Jan 2006") + " · "
	if b == nil || math.IsNaN(*b) {
		return s + assess.BalanceWords(nil)
	}
	return s + "balance: " + assess.BalanceWords(b) + " (" + signed(*b) + ")"
}

// signed writes a score with two decimals and a true minus sign, the way
// the title shows it: −0.45, +0.20, 0.00.
func signed(v float64) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', 2, 64)
	switch {
	case s == "0.00":
		return s
	case v < 0:
		return "−" + s
	}
	return "+" + s
}

// header is the graph's label: the title, the subtitle and the legend, as
// one HTML-like table. Only fixed words and escaped text go into it.
func header(r *assess.Result, opt Options, m *model) string {
	title := cleanText(opt.Title)
	if title == "" {
		title = cleanText(r.Questionnaire.Title)
	}
	if title == "" {
		title = defaultTitle
	}
	title = fit(title, fontBold, 18, 560)
	var b strings.Builder
	b.WriteString(`<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">`)
	fmt.Fprintf(&b, `<TR><TD><FONT POINT-SIZE="18" COLOR="%s"><B>%s</B></FONT></TD></TR>`, titleText, htmlText(title))
	fmt.Fprintf(&b, `<TR><TD><FONT POINT-SIZE="12" COLOR="%s">%s</FONT></TD></TR>`, mutedText, htmlText(subtitle(r, opt.Location)))
	b.WriteString(`<TR><TD HEIGHT="6"></TD></TR><TR><TD>`)
	b.WriteString(legend(m))
	b.WriteString(`</TD></TR></TABLE>>`)
	return b.String()
}

// legend explains every mark the map uses, and only those.
func legend(m *model) string {
	box := func(p palette, style string) string {
		return fmt.Sprintf(`<TD WIDTH="22" HEIGHT="13" FIXEDSIZE="TRUE" BORDER="1" BGCOLOR="%s" COLOR="%s"%s></TD>`, p.fill, p.line, style)
	}
	entries := []legendEntry{
		{box(insideColors, ""), "Inside the organization"},
		{box(outsideColors, ""), "Outside the organization"},
	}
	if m.power {
		entries = append(entries, legendEntry{
			fmt.Sprintf(`<TD><TABLE BORDER="1" CELLBORDER="1" CELLSPACING="1" CELLPADDING="0" COLOR="%s"><TR><TD WIDTH="16" HEIGHT="7" FIXEDSIZE="TRUE"></TD></TR></TABLE></TD>`, powerLine),
			"Double border: a formal power relation",
		})
	}
	if len(m.people) > 0 {
		entries = append(entries, legendEntry{
			fmt.Sprintf(`<TD><TABLE BORDER="0" CELLSPACING="3" CELLPADDING="0"><TR><TD WIDTH="8" HEIGHT="1" FIXEDSIZE="TRUE" BGCOLOR="%s"></TD><TD WIDTH="8" HEIGHT="4" FIXEDSIZE="TRUE" BGCOLOR="%s"></TD></TR></TABLE></TD>`, mutedText, mutedText),
			"Thicker line: a stronger tie",
		})
	}
	if m.has(assess.SeverityGap) {
		entries = append(entries, legendEntry{box(gapColors, ` STYLE="dashed"`), "Dashed red: a gap, support that is missing"})
	}
	if m.has(assess.SeverityWarning) {
		entries = append(entries, legendEntry{box(warningColors, ` STYLE="dashed"`), "Dashed amber: a warning"})
	}
	return legendTable(entries)
}

// legendEntry is one item of a legend: a swatch (an HTML-label cell) and
// the words beside it.
type legendEntry struct{ swatch, text string }

// legendTable lays legend entries out three to a row, as an HTML label.
func legendTable(entries []legendEntry) string {
	const perRow = 3
	var b strings.Builder
	b.WriteString(`<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="1">`)
	for i := 0; i < len(entries); i += perRow {
		b.WriteString("<TR>")
		for j := i; j < i+perRow; j++ {
			if j > i {
				b.WriteString(`<TD WIDTH="10"></TD>`) // between entries
			}
			if j < len(entries) {
				fmt.Fprintf(&b, `%s<TD ALIGN="LEFT"><FONT POINT-SIZE="10" COLOR="%s">%s</FONT></TD>`, entries[j].swatch, mutedText, htmlText(entries[j].text))
			} else {
				b.WriteString(`<TD></TD><TD></TD>`)
			}
		}
		b.WriteString("</TR>")
	}
	b.WriteString(`</TABLE>`)
	return b.String()
}
