package graph

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/view"
	"github.com/circle-cli/circle/graph/raster"
)

// subtitle is the second title line: the date and where the support comes
// from; for a result saved before there were three sources, the balance
// in words.
func subtitle(r *assess.Result, loc *time.Location) string {
	t := r.TakenAt
	if loc != nil {
		t = t.In(loc)
	}
	s := t.Format("2 Jan 2006") + " · "
	if v := view.New(r); v.Sources != nil {
		if len(r.People) == 0 {
			return s + "nobody named yet"
		}
		var parts []string
		for _, src := range v.Sources {
			parts = append(parts, fmt.Sprintf("%s %d%%", strings.ToLower(v.Def(src.Name).Short), src.Pct))
		}
		return s + strings.Join(parts, " · ")
	}
	b := r.Score(assess.ScoreBalance)
	if b == nil || math.IsNaN(*b) {
		return s + assess.BalanceWords(nil)
	}
	return s + "balance: " + assess.BalanceWords(b) + " (" + view.Signed(*b, 2) + ")"
}

// headline is the third title line: the professional coverage and the
// outside confidants; "" for a result saved before they existed.
func headline(r *assess.Result) string {
	cov, conf := r.Score(assess.ScoreProfessionalCoverage), r.Score(assess.ScoreOutsideConfidants)
	if cov == nil || conf == nil || math.IsNaN(*cov) || math.IsNaN(*conf) {
		return ""
	}
	return fmt.Sprintf("professional coverage %.2f · outside confidants %s", *cov, num(*conf))
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
	if line := headline(r); line != "" {
		fmt.Fprintf(&b, `<TR><TD><FONT POINT-SIZE="12" COLOR="%s">%s</FONT></TD></TR>`, titleText, htmlText(line))
	}
	b.WriteString(watchRows(m.watch))
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
	entries = append(entries, tieLegendEntries(m)...)
	if m.has(assess.SeverityGap) {
		entries = append(entries, legendEntry{box(gapColors, ` STYLE="dashed"`), "Dashed red: a gap, support that is missing"})
	}
	if m.has(assess.SeverityWarning) {
		entries = append(entries, legendEntry{box(warningColors, ` STYLE="dashed"`), warningLegend})
	}
	if m.almost {
		entries = append(entries, almostLegend())
	}
	return legendTable(entries)
}

// warningLegend explains a warning's mark.
const warningLegend = "Dashed amber: worth watching, beside who it is about"

// almostLegend explains the almost tag.
func almostLegend() legendEntry {
	return legendEntry{
		fmt.Sprintf(`<TD><TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1" STYLE="rounded" COLOR="%s" BGCOLOR="white"><TR><TD><FONT POINT-SIZE="7.5" COLOR="%s">%s</FONT></TD></TR></TABLE></TD>`, gapColors.line, gapColors.text, almostTag),
		"Almost counts for a gap; the summary says what is missing",
	}
}

// watchRows lists, under the title, the warnings that name nobody: the
// titles in amber, a few to a line, a title never broken in two.
func watchRows(titles []string) string {
	const width, size = 560, 10.5
	var lines []string
	cur := ""
	for _, t := range titles {
		t = fit(t, fontRegular, size, width)
		switch {
		case cur == "":
			cur = "Worth watching: " + t
		case raster.MeasureText(cur+" · "+t, fontRegular, false, size) <= width:
			cur += " · " + t
		default:
			lines = append(lines, cur)
			cur = t
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	var b strings.Builder
	for _, l := range lines {
		fmt.Fprintf(&b, `<TR><TD><FONT POINT-SIZE="%s" COLOR="%s">%s</FONT></TD></TR>`, num(size), warningColors.text, htmlText(l))
	}
	return b.String()
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
