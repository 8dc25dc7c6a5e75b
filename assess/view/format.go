package view

import (
	"fmt"
	"strings"

	"github.com/circle-cli/circle/assess/prose"
)

// Signed writes v with the given decimals and a true minus sign: −0.45,
// +0.20; a value that shows as zero has no sign.
func Signed(v float64, decimals int) string {
	s := fmt.Sprintf("%+.*f", decimals, v)
	if strings.Trim(s, "+-0.") == "" {
		return fmt.Sprintf("%.*f", decimals, 0.0)
	}
	return strings.Replace(s, "-", "−", 1)
}

// Trim writes v with at most the given decimals, without trailing zeros.
func Trim(v float64, decimals int) string {
	s := fmt.Sprintf("%.*f", decimals, v)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// Capitalize upper-cases the first letter of s (the whole first rune, so
// that "hR partner" can never happen).
var Capitalize = prose.UpperFirst

// Plural writes "1 gap" or "3 gaps".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
