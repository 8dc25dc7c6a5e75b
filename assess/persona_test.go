package assess

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Personas: short stories of real leaders, as answers files in
// testdata/personas, each with the findings DESIGN.md gives them, worked
// out by hand before the code ran. The comment beside every expected value
// is the hand calculation.
//
// Conventions used in the comments:
//
//   - Tie strength s is the mean of ring (inner 1, middle 2/3, outer 1/3),
//     frequency (weekly 1, monthly 2/3, quarterly 1/3, rarely 0), candour
//     (c-1)/4 and functions min(n,4)/4. Every part is a whole number of
//     twelfths, so s is written in 48ths: 48s = ring (12/8/4) + frequency
//     (12/8/4/0) + candour (c=1..5: 0/3/6/9/12) + functions (n=1..4+:
//     3/6/9/12). Source shares are then ratios of whole numbers.
//   - sources: inside = Σs of internal people / Σs; personal = Σs of
//     external people of system personal / Σs; outside_professional = the
//     rest (coaching and professional) / Σs.
//   - professional_coverage = the number of the six functions other than
//     life_outside_work served by someone with professional distance
//     (system coaching or professional) talked to more than rarely, / 6.
//   - outside_confidants = people with professional distance who match the
//     confidant filter {candour_min 4, functions_any [thinking_partner,
//     sounding_board], frequency [weekly, monthly, quarterly]}.
//   - isolation and filtering: six items each; with reverse items as 6-a,
//     Σ of the six answers gives (Σ/6 - 1)/4 × 100 = (Σ - 6)/24 × 100. So
//     isolation ≥ 60 needs Σ ≥ 21 (62.5; Σ 20 is 58.33) and filtering ≥ 65
//     needs Σ ≥ 22 (66.67; Σ 21 is 62.5). Reverse items are
//     someone-to-call, understood-outside, say-what-i-think and
//     admit-mistakes.
//   - "almost" for a require rule: passes every filter key not in the
//     rule's almost keys and fails at least one that is; unmet keys in
//     filter order (side, power, system, relationship, was_peer, ring,
//     candour_min, frequency, functions_any). For the five gaps and
//     no-challenger the only unlisted key that can fail is functions_any
//     (ring for life-outside-work is listed; outside-inner-circle lists
//     nothing, so it never has anyone almost). A rule that holds has no
//     almost.
//
// Rule shorthand in comments: OTP outside-thinking-partner, CSB
// confidential-sounding-board, BT been-there, LOW life-outside-work, OIC
// outside-inner-circle, NC no-confidant, SPS single-point-of-support, FPR
// former-peer-reliance, PC power-confidant, NCh no-challenger, RFL
// role-feels-lonely, FE filtering-everywhere. TP thinking_partner, SB
// sounding_board, HF honest_feedback, BT' been_there, LOW' life_outside_work.

// personaSeverity is each default rule's severity, from DESIGN.md's table.
var personaSeverity = map[string]string{
	"outside-thinking-partner":    SeverityGap,
	"confidential-sounding-board": SeverityGap,
	"been-there":                  SeverityGap,
	"life-outside-work":           SeverityGap,
	"outside-inner-circle":        SeverityGap,
	"no-confidant":                SeverityWarning,
	"single-point-of-support":     SeverityWarning,
	"former-peer-reliance":        SeverityWarning,
	"power-confidant":             SeverityWarning,
	"no-challenger":               SeverityWarning,
	"role-feels-lonely":           SeverityWarning,
	"filtering-everywhere":        SeverityWarning,
}

// personaAlmost is someone a require rule almost counted: the keys of its
// filter they fail, in filter order.
type personaAlmost struct {
	name  string
	unmet []string
}

// personaFinding is one expected finding: the people its filter matched,
// in circle order, and for a require rule who almost counted.
type personaFinding struct {
	id     string
	people []string
	almost []personaAlmost
}

// personaStrength is a require rule that holds, with the people who
// satisfy it, in circle order.
type personaStrength struct {
	id     string
	people []string
}

type personaCase struct {
	file      string // in testdata/personas
	findings  []personaFinding
	strengths []personaStrength
	scores    map[string]*float64 // a nil value: the score is null
}

func personaNum(v float64) *float64 { return &v }

func TestPersonas(t *testing.T) {
	cases := []personaCase{
		{
			// Renée, COO promoted from within. People in circle order:
			//   Martin Hale  supervisor (internal, over, current_org), middle, weekly, c2, [strategic_advice, HF]
			//                48s = 8+12+3+6 = 29
			//   Priya Shah   direct_report was_peer (internal, under), inner, weekly, c5, [TP, SB]
			//                48s = 12+12+12+6 = 42
			//   Tom Castillo family (external, none, personal), inner, weekly, c5, [TP, SB, emotional_support, LOW']
			//                48s = 12+12+12+12 = 48
			//   Alan Brooks  mentor (external, none, professional), middle, quarterly, c3, [TP, BT']
			//                48s = 8+4+6+6 = 24
			// Σ48s = 29+42+48+24 = 143.
			file: "coo-promoted-from-within.yaml",
			findings: []personaFinding{
				// OTP: TP holders Priya, Tom, Alan; nobody matches.
				// Priya: system current_org ✗, c5 ✓, weekly ✓ → [system].
				// Tom: system personal ✗, c5 ✓, weekly ✓ → [system].
				// Alan: professional ✓, c3 ✗, quarterly ✗ (needs weekly/monthly) → [candour_min, frequency].
				// Martin has no TP (fails unlisted functions_any): not almost.
				{id: "outside-thinking-partner", almost: []personaAlmost{
					{"Priya Shah", []string{"system"}},
					{"Tom Castillo", []string{"system"}},
					{"Alan Brooks", []string{"candour_min", "frequency"}},
				}},
				// CSB: SB holders Priya, Tom; both fail system only
				// (c5, weekly). Alan has no SB.
				{id: "confidential-sounding-board", almost: []personaAlmost{
					{"Priya Shah", []string{"system"}},
					{"Tom Castillo", []string{"system"}},
				}},
				// FPR: was_peer ∧ c≥4 ∧ not rarely ∧ TP/SB: Priya (c5,
				// weekly, TP). Nobody else has was_peer.
				{id: "former-peer-reliance", people: []string{"Priya Shah"}},
				// PC: power over/under ∧ c≥4 ∧ SB: Priya (under, c5, SB) ✓;
				// Martin (over) c2 ✗.
				{id: "power-confidant", people: []string{"Priya Shah"}},
				// RFL: isolation 62.5 ≥ 60 (below).
				{id: "role-feels-lonely"},
				// FE: filtering 66.67 ≥ 65 (below).
				{id: "filtering-everywhere"},
				// Not firing: NC (confidants Priya and Tom: 2, not ≤ 0);
				// SPS (2 is not within {1,1}); BT, LOW, OIC, NCh hold
				// (strengths).
			},
			strengths: []personaStrength{
				// BT: Alan power none, quarterly ✓, BT' ✓.
				{"been-there", []string{"Alan Brooks"}},
				// LOW: Tom personal, inner, weekly. No other personal tie.
				{"life-outside-work", []string{"Tom Castillo"}},
				// OIC: external ∧ inner ∧ not rarely: Tom. Alan is middle.
				{"outside-inner-circle", []string{"Tom Castillo"}},
				// NCh: HF ∧ power over/none ∧ not rarely: Martin (over,
				// weekly).
				{"no-challenger", []string{"Martin Hale"}},
			},
			scores: map[string]*float64{
				"sources.inside":               personaNum(71.0 / 143), // Martin 29 + Priya 42 = 71
				"sources.personal":             personaNum(48.0 / 143), // Tom 48
				"sources.outside_professional": personaNum(24.0 / 143), // Alan 24
				// Alan (quarterly) serves TP and BT': 2 of 6.
				"professional_coverage": personaNum(2.0 / 6),
				// Alan is at c3: not a confidant.
				"outside_confidants": personaNum(0),
				// 4 + 4 + (6-4) + 4 + (6-3) + 4 = 21 → (21-6)/24×100 = 62.5
				"isolation": personaNum(62.5),
				// 4 + 5 (hide-doubts, strongly agree) + (6-3) + 4 + (6-3) + 3 = 22
				// → 16/24×100 = 66.67
				"filtering": personaNum(200.0 / 3),
			},
		},
		{
			// Sara: coach, peer group and partner. Nothing fires.
			//   Amara Obi   coach (external, none, coaching), inner, monthly, c5, [TP, SB, HF, emotional_support]
			//               48s = 12+8+12+12 = 44
			//   Jonas Berg  peer_group (external, none, professional), middle, monthly, c4, [SB, BT', strategic_advice, HF]
			//               48s = 8+8+9+12 = 37
			//   Sam Whitley family (external, none, personal), inner, weekly, c5, [emotional_support, LOW']
			//               48s = 12+12+12+6 = 42
			//   Helen Marsh board (internal, over), middle, monthly, c3, [strategic_advice, HF]
			//               48s = 8+8+6+6 = 28
			// Σ48s = 44+37+42+28 = 151.
			file:     "coach-group-and-partner.yaml",
			findings: nil,
			// Every one of the twelve rules, checked:
			//   OTP holds (Amara: coaching, c5, monthly, TP).
			//   CSB holds (Amara; Jonas: professional, c4 (the boundary), monthly, SB).
			//   BT holds (Jonas: power none, monthly, BT').
			//   LOW holds (Sam: personal, inner, weekly).
			//   OIC holds (Amara external inner monthly; Sam external inner weekly; Jonas is middle).
			//   NC, SPS: confidants Amara (c5, TP, monthly) and Jonas (c4, SB, monthly) = 2:
			//     not ≤ 0, not within {1,1}. Sam has no TP/SB; Helen c3 and no TP/SB.
			//   FPR: nobody has was_peer.
			//   PC: the only power tie is Helen (over), c3 and no SB.
			//   NCh holds (Amara none monthly HF; Jonas none monthly HF; Helen over monthly HF).
			//   RFL: isolation 16.67 < 60. FE: filtering 41.67 < 65.
			strengths: []personaStrength{
				{"outside-thinking-partner", []string{"Amara Obi"}},
				{"confidential-sounding-board", []string{"Amara Obi", "Jonas Berg"}},
				{"been-there", []string{"Jonas Berg"}},
				{"life-outside-work", []string{"Sam Whitley"}},
				{"outside-inner-circle", []string{"Amara Obi", "Sam Whitley"}},
				{"no-challenger", []string{"Amara Obi", "Jonas Berg", "Helen Marsh"}},
			},
			scores: map[string]*float64{
				"sources.inside":               personaNum(28.0 / 151), // Helen 28
				"sources.personal":             personaNum(42.0 / 151), // Sam 42
				"sources.outside_professional": personaNum(81.0 / 151), // Amara 44 + Jonas 37
				// Amara (monthly): TP, SB, HF, emotional_support; Jonas
				// (monthly): SB, BT', strategic_advice, HF. Union: all 6.
				"professional_coverage": personaNum(1),
				// Amara and Jonas.
				"outside_confidants": personaNum(2),
				// 2 + 2 + (6-5) + 2 + (6-4) + 1 = 10 → 4/24×100 = 16.67
				"isolation": personaNum(50.0 / 3),
				// 4 + 3 + (6-5) + 3 + (6-4) + 3 = 16 → 10/24×100 = 41.67
				"filtering": personaNum(125.0 / 3),
			},
		},
		{
			// Theo, founder: two board members and a friend seen once a year.
			//   Grace Lin      board (internal, over), middle, monthly, c3, [strategic_advice, HF]
			//                  48s = 8+8+6+6 = 28
			//   Victor Adeyemi board, outer, quarterly, c2, [strategic_advice]
			//                  48s = 4+4+3+3 = 14
			//   Ben Carter     friend (external, none, personal), middle, rarely, c5, [TP, SB, emotional_support, LOW']
			//                  48s = 8+0+12+12 = 32
			// Σ48s = 74.
			file: "founder-board-and-old-friend.yaml",
			findings: []personaFinding{
				// OTP: only Ben has TP: personal ✗, c5 ✓, rarely ✗ → [system, frequency].
				{id: "outside-thinking-partner", almost: []personaAlmost{
					{"Ben Carter", []string{"system", "frequency"}},
				}},
				// CSB: only Ben has SB: personal ✗, c5 ✓, rarely ✗ (quarterly is the least) → [system, frequency].
				{id: "confidential-sounding-board", almost: []personaAlmost{
					{"Ben Carter", []string{"system", "frequency"}},
				}},
				// BT: nobody has BT' → fires, nobody almost.
				{id: "been-there"},
				// LOW: Ben personal ✓ (unlisted), middle ✓, rarely ✗ → [frequency].
				{id: "life-outside-work", almost: []personaAlmost{
					{"Ben Carter", []string{"frequency"}},
				}},
				// OIC: nobody in the inner ring; no almost keys.
				{id: "outside-inner-circle"},
				// NC: confidants: Grace/Victor have no TP/SB; Ben is rarely → 0 ≤ 0.
				{id: "no-confidant"},
				// RFL: isolation 83.33 ≥ 60.
				{id: "role-feels-lonely"},
				// Not firing: SPS (0 not in {1,1}); FPR (no was_peer); PC
				// (no SB among the board); NCh holds; FE 62.5 < 65.
			},
			strengths: []personaStrength{
				// NCh: Grace (over, monthly, HF).
				{"no-challenger", []string{"Grace Lin"}},
			},
			scores: map[string]*float64{
				"sources.inside":               personaNum(42.0 / 74), // Grace 28 + Victor 14 = 42 (= 21/37)
				"sources.personal":             personaNum(32.0 / 74), // Ben 32 (= 16/37)
				"sources.outside_professional": personaNum(0),         // nobody
				"professional_coverage":        personaNum(0),         // nobody with professional distance
				"outside_confidants":           personaNum(0),
				// 4 + 5 + (6-2) + 5 + (6-2) + 4 = 26 → 20/24×100 = 83.33
				"isolation": personaNum(250.0 / 3),
				// 4 + 4 + (6-3) + 3 + (6-3) + 4 = 21 → 15/24×100 = 62.5, just under 65
				"filtering": personaNum(62.5),
			},
		},
		{
			// Kwame confides in his manager.
			//   Rachel Ng    supervisor (internal, over), inner, weekly, c4, [TP, SB, strategic_advice, HF]
			//                48s = 12+12+9+12 = 45
			//   Omar Haddad  family (personal), inner, weekly, c5, [emotional_support, LOW']
			//                48s = 12+12+12+6 = 42
			//   Lena Fischer former_colleague (professional), outer, quarterly, c3, [BT', strategic_advice]
			//                48s = 4+4+6+6 = 20
			// Σ48s = 107.
			file: "confides-in-manager.yaml",
			findings: []personaFinding{
				// OTP: TP only Rachel: current_org ✗, c4 ✓, weekly ✓ → [system].
				{id: "outside-thinking-partner", almost: []personaAlmost{
					{"Rachel Ng", []string{"system"}},
				}},
				// CSB: SB only Rachel → [system].
				{id: "confidential-sounding-board", almost: []personaAlmost{
					{"Rachel Ng", []string{"system"}},
				}},
				// SPS: confidants: Rachel (c4, TP, weekly) only; Omar has
				// no TP/SB; Lena c3 → 1, within {1,1}.
				{id: "single-point-of-support", people: []string{"Rachel Ng"}},
				// PC: Rachel power over, c4 ✓, SB ✓.
				{id: "power-confidant", people: []string{"Rachel Ng"}},
				// Not firing: NC (1 > 0); FPR (no was_peer); RFL 45.83;
				// FE 45.83.
			},
			strengths: []personaStrength{
				{"been-there", []string{"Lena Fischer"}},          // none, quarterly, BT'
				{"life-outside-work", []string{"Omar Haddad"}},    // personal, inner, weekly
				{"outside-inner-circle", []string{"Omar Haddad"}}, // external, inner, weekly
				{"no-challenger", []string{"Rachel Ng"}},          // over, weekly, HF
			},
			scores: map[string]*float64{
				"sources.inside":               personaNum(45.0 / 107), // Rachel 45
				"sources.personal":             personaNum(42.0 / 107), // Omar 42
				"sources.outside_professional": personaNum(20.0 / 107), // Lena 20
				// Lena (quarterly): BT', strategic_advice → 2/6.
				"professional_coverage": personaNum(2.0 / 6),
				"outside_confidants":    personaNum(0), // Lena c3
				// 3 + 3 + (6-4) + 3 + (6-3) + 3 = 17 → 11/24×100
				"isolation": personaNum(1100.0 / 24),
				// 4 + 3 + (6-4) + 3 + (6-4) + 3 = 17 → 11/24×100
				"filtering": personaNum(1100.0 / 24),
			},
		},
		{
			// Ines: the only candid tie is her coach.
			//   Ruth Adler    coach (coaching), middle, monthly, c5, [TP, SB, HF]
			//                 48s = 8+8+12+9 = 37
			//   Karl Jensen   supervisor (internal, over), middle, monthly, c2, [strategic_advice]
			//                 48s = 8+8+3+3 = 22
			//   Nadia Petrova direct_report (internal, under), middle, weekly, c3, [strategic_advice, HF]
			//                 48s = 8+12+6+6 = 32
			//   Chris Doyle   friend (personal), middle, monthly, c3, [LOW', emotional_support]
			//                 48s = 8+8+6+6 = 28
			// Σ48s = 119.
			file: "coach-only-candid-tie.yaml",
			findings: []personaFinding{
				// BT: nobody has BT'.
				{id: "been-there"},
				// OIC: nobody is in the inner ring.
				{id: "outside-inner-circle"},
				// SPS: confidants: Ruth (c5, TP/SB, monthly); Nadia c3 and
				// no TP/SB; Karl, Chris no TP/SB → 1.
				{id: "single-point-of-support", people: []string{"Ruth Adler"}},
				// Not firing: NC (1); FPR; PC (Karl c2, Nadia c3, no SB);
				// RFL 58.33 < 60; FE 58.33 < 65.
			},
			strengths: []personaStrength{
				{"outside-thinking-partner", []string{"Ruth Adler"}},    // coaching, c5, monthly, TP
				{"confidential-sounding-board", []string{"Ruth Adler"}}, // coaching, c5, monthly, SB
				{"life-outside-work", []string{"Chris Doyle"}},          // personal, middle, monthly
				// NCh: Ruth (none, monthly, HF). Nadia has HF but power
				// under: she does not count (no almost: the rule holds).
				{"no-challenger", []string{"Ruth Adler"}},
			},
			scores: map[string]*float64{
				"sources.inside":               personaNum(54.0 / 119), // Karl 22 + Nadia 32
				"sources.personal":             personaNum(28.0 / 119), // Chris 28
				"sources.outside_professional": personaNum(37.0 / 119), // Ruth 37
				// Ruth (monthly): TP, SB, HF → 3/6.
				"professional_coverage": personaNum(0.5),
				"outside_confidants":    personaNum(1), // Ruth
				// 4 + 3 + (6-3) + 4 + (6-4) + 4 = 20 → 14/24×100 = 58.33, just under 60
				"isolation": personaNum(175.0 / 3),
				// 4 + 4 + (6-4) + 4 + (6-3) + 3 = 20 → 58.33
				"filtering": personaNum(175.0 / 3),
			},
		},
		{
			// Lucas: peer advisory group joined, rarely attended.
			//   Fatima Al-Sayed peer_group (professional), outer, rarely, c4, [TP, SB, BT', HF]
			//                   48s = 4+0+9+12 = 25
			//   Patrick Dunn    peer_group, outer, rarely, c3, [BT', strategic_advice]
			//                   48s = 4+0+6+6 = 16
			//   Ingrid Sol      supervisor (internal, over), middle, monthly, c3, [strategic_advice]
			//                   48s = 8+8+6+3 = 25
			//   Marco Rossi     family (personal), inner, weekly, c4, [emotional_support, LOW', SB]
			//                   48s = 12+12+9+9 = 42
			// Σ48s = 108.
			file: "peer-group-rarely-attended.yaml",
			findings: []personaFinding{
				// OTP: TP only Fatima: professional ✓, c4 ✓, rarely ✗ → [frequency].
				{id: "outside-thinking-partner", almost: []personaAlmost{
					{"Fatima Al-Sayed", []string{"frequency"}},
				}},
				// CSB: SB: Fatima (professional ✓, c4 ✓, rarely ✗) → [frequency];
				// Marco (personal ✗, c4 ✓, weekly ✓) → [system].
				{id: "confidential-sounding-board", almost: []personaAlmost{
					{"Fatima Al-Sayed", []string{"frequency"}},
					{"Marco Rossi", []string{"system"}},
				}},
				// BT: BT': Fatima and Patrick, both power none ✓, rarely ✗ → [frequency].
				{id: "been-there", almost: []personaAlmost{
					{"Fatima Al-Sayed", []string{"frequency"}},
					{"Patrick Dunn", []string{"frequency"}},
				}},
				// SPS: confidants: Marco (c4, SB, weekly); Fatima rarely ✗ → 1.
				{id: "single-point-of-support", people: []string{"Marco Rossi"}},
				// NCh: HF only Fatima: power none ✓, rarely ✗ → [frequency].
				{id: "no-challenger", almost: []personaAlmost{
					{"Fatima Al-Sayed", []string{"frequency"}},
				}},
				// RFL: isolation 66.67 ≥ 60.
				{id: "role-feels-lonely"},
				// Not firing: NC (1); FPR; PC (Ingrid c3, no SB); FE 62.5.
			},
			strengths: []personaStrength{
				{"life-outside-work", []string{"Marco Rossi"}},    // personal, inner, weekly
				{"outside-inner-circle", []string{"Marco Rossi"}}, // external, inner, weekly
			},
			scores: map[string]*float64{
				"sources.inside":               personaNum(25.0 / 108), // Ingrid 25
				"sources.personal":             personaNum(42.0 / 108), // Marco 42 (= 7/18)
				"sources.outside_professional": personaNum(41.0 / 108), // Fatima 25 + Patrick 16
				// Both group members are rarely: nothing counts.
				"professional_coverage": personaNum(0),
				"outside_confidants":    personaNum(0), // Fatima rarely
				// 4 + 4 + (6-3) + 4 + (6-3) + 4 = 22 → 16/24×100 = 66.67
				"isolation": personaNum(200.0 / 3),
				// 4 + 4 + (6-3) + 4 + (6-3) + 3 = 21 → 62.5, just under 65
				"filtering": personaNum(62.5),
			},
		},
		{
			// Aiko: a mentor seen monthly, met guardedly.
			//   Eleanor Voss mentor (professional), middle, monthly, c2, [TP, BT', strategic_advice]
			//                48s = 8+8+3+9 = 28
			//   Daniel Osei  peer (internal, none), middle, weekly, c4, [TP, HF]
			//                48s = 8+12+9+6 = 35
			//   Hannah Cole  friend (personal), inner, monthly, c5, [SB, emotional_support, LOW']
			//                48s = 12+8+12+9 = 41
			// Σ48s = 104.
			file: "guarded-with-mentor.yaml",
			findings: []personaFinding{
				// OTP: TP: Eleanor (professional ✓, c2 ✗, monthly ✓) → [candour_min];
				// Daniel (current_org ✗, c4 ✓, weekly ✓) → [system].
				{id: "outside-thinking-partner", almost: []personaAlmost{
					{"Eleanor Voss", []string{"candour_min"}},
					{"Daniel Osei", []string{"system"}},
				}},
				// CSB: SB only Hannah: personal ✗, c5 ✓, monthly ✓ → [system].
				{id: "confidential-sounding-board", almost: []personaAlmost{
					{"Hannah Cole", []string{"system"}},
				}},
				// FE: filtering 66.67 ≥ 65.
				{id: "filtering-everywhere"},
				// Not firing: NC, SPS (confidants Daniel and Hannah: 2);
				// FPR (no was_peer); PC (no power over/under);
				// RFL 50 < 60.
			},
			strengths: []personaStrength{
				{"been-there", []string{"Eleanor Voss"}},          // none, monthly, BT'
				{"life-outside-work", []string{"Hannah Cole"}},    // personal, inner, monthly
				{"outside-inner-circle", []string{"Hannah Cole"}}, // external, inner, monthly
				{"no-challenger", []string{"Daniel Osei"}},        // none, weekly, HF
			},
			scores: map[string]*float64{
				"sources.inside":               personaNum(35.0 / 104), // Daniel 35
				"sources.personal":             personaNum(41.0 / 104), // Hannah 41
				"sources.outside_professional": personaNum(28.0 / 104), // Eleanor 28 (= 7/26)
				// Eleanor (monthly): TP, BT', strategic_advice → 3/6;
				// candour does not matter for coverage.
				"professional_coverage": personaNum(0.5),
				"outside_confidants":    personaNum(0), // Eleanor c2
				// 3 + 3 + (6-2) + 3 + (6-4) + 3 = 18 → 12/24×100 = 50
				"isolation": personaNum(50),
				// 4 + 4 + (6-4) + 4 + (6-2) + 4 = 22 → 66.67
				"filtering": personaNum(200.0 / 3),
			},
		},
		{
			// Ahmed: a coach seen only quarterly. Thinking partner needs
			// weekly or monthly; sounding board accepts quarterly.
			//   Simon Achterberg coach (coaching), middle, quarterly, c5, [TP, SB, HF]
			//                    48s = 8+4+12+9 = 33
			//   Paula Ortiz      supervisor (internal, over), middle, weekly, c3, [strategic_advice, HF]
			//                    48s = 8+12+6+6 = 32
			//   Kim Nakamura     family (personal), inner, weekly, c4, [emotional_support, LOW']
			//                    48s = 12+12+9+6 = 39
			//   Ravi Menon       former_colleague (professional), outer, quarterly, c3, [BT']
			//                    48s = 4+4+6+3 = 17
			// Σ48s = 121.
			file: "quarterly-coach.yaml",
			findings: []personaFinding{
				// OTP: TP only Simon: coaching ✓, c5 ✓, quarterly ✗ → [frequency].
				{id: "outside-thinking-partner", almost: []personaAlmost{
					{"Simon Achterberg", []string{"frequency"}},
				}},
				// SPS: confidants: Simon (c5, TP/SB, quarterly counts); Kim
				// no TP/SB; Paula, Ravi c3 → 1.
				{id: "single-point-of-support", people: []string{"Simon Achterberg"}},
				// Not firing: NC (1); FPR; PC (Paula c3, no SB);
				// RFL 45.83; FE 41.67.
			},
			strengths: []personaStrength{
				// CSB: Simon coaching, c5, quarterly ✓ (the difference
				// from OTP), SB.
				{"confidential-sounding-board", []string{"Simon Achterberg"}},
				{"been-there", []string{"Ravi Menon"}},             // none, quarterly, BT'
				{"life-outside-work", []string{"Kim Nakamura"}},    // personal, inner, weekly
				{"outside-inner-circle", []string{"Kim Nakamura"}}, // external, inner, weekly
				// NCh: Simon (none, quarterly, HF), Paula (over, weekly, HF).
				{"no-challenger", []string{"Simon Achterberg", "Paula Ortiz"}},
			},
			scores: map[string]*float64{
				"sources.inside":               personaNum(32.0 / 121), // Paula 32
				"sources.personal":             personaNum(39.0 / 121), // Kim 39
				"sources.outside_professional": personaNum(50.0 / 121), // Simon 33 + Ravi 17
				// Simon (quarterly): TP, SB, HF; Ravi (quarterly): BT' → 4/6.
				"professional_coverage": personaNum(4.0 / 6),
				"outside_confidants":    personaNum(1), // Simon; Ravi c3
				// 3 + 4 + (6-4) + 3 + (6-4) + 3 = 17 → 45.83
				"isolation": personaNum(1100.0 / 24),
				// 3 + 3 + (6-4) + 3 + (6-4) + 3 = 16 → 41.67
				"filtering": personaNum(125.0 / 3),
			},
		},
		{
			// Clara: a circle that is all family.
			//   Julia Brandt  family, inner, weekly, c5, [TP, SB, emotional_support, LOW']
			//                 48s = 12+12+12+12 = 48
			//   Walter Brandt family, middle, monthly, c4, [BT', HF, strategic_advice]
			//                 48s = 8+8+9+9 = 34
			//   Lotte Brandt  family, middle, quarterly, c3, [emotional_support, LOW']
			//                 48s = 8+4+6+6 = 24
			//   Felix Brandt  family, outer, rarely, c3, [LOW']
			//                 48s = 4+0+6+3 = 13
			// Σ48s = 119, all personal.
			file: "all-family.yaml",
			findings: []personaFinding{
				// OTP: TP only Julia: personal ✗, c5 ✓, weekly ✓ → [system].
				{id: "outside-thinking-partner", almost: []personaAlmost{
					{"Julia Brandt", []string{"system"}},
				}},
				// CSB: SB only Julia → [system].
				{id: "confidential-sounding-board", almost: []personaAlmost{
					{"Julia Brandt", []string{"system"}},
				}},
				// SPS: confidants: Julia (c5, TP/SB, weekly); Walter has no
				// TP/SB → 1.
				{id: "single-point-of-support", people: []string{"Julia Brandt"}},
				// RFL: 70.83 ≥ 60.
				{id: "role-feels-lonely"},
				// FE: 66.67 ≥ 65.
				{id: "filtering-everywhere"},
				// Not firing: NC (1); FPR; PC (no power ties).
			},
			strengths: []personaStrength{
				// BT: Walter, family, power none ✓, monthly, BT'.
				{"been-there", []string{"Walter Brandt"}},
				// LOW: personal ∧ inner/middle ∧ not rarely: Julia (inner
				// weekly), Walter (middle monthly: no function needed),
				// Lotte (middle quarterly). Felix is outer and rarely.
				{"life-outside-work", []string{"Julia Brandt", "Walter Brandt", "Lotte Brandt"}},
				{"outside-inner-circle", []string{"Julia Brandt"}}, // external, inner, weekly
				{"no-challenger", []string{"Walter Brandt"}},       // none, monthly, HF
			},
			scores: map[string]*float64{
				"sources.inside":               personaNum(0),
				"sources.personal":             personaNum(1), // 119/119
				"sources.outside_professional": personaNum(0),
				"professional_coverage":        personaNum(0), // family is not professional distance
				"outside_confidants":           personaNum(0),
				// 4 + 4 + (6-2) + 4 + (6-2) + 3 = 23 → 17/24×100 = 70.83
				"isolation": personaNum(1700.0 / 24),
				// 4 + 4 + (6-3) + 4 + (6-3) + 4 = 22 → 66.67
				"filtering": personaNum(200.0 / 3),
			},
		},
		{
			// Nathan: twenty people.
			//  #  name            relationship (side, power, system)        ring   freq  c  functions                      48s
			//  1  Margaret Lee    board (int, over)                          middle mon   4  SB, strategic_advice, HF       8+8+9+9  = 34
			//  2  Tobias Kern     board (int, over)                          outer  qtr   2  strategic_advice               4+4+3+3  = 14
			//  3  Sofia Marquez   hr (int, over)                             middle wk    4  SB, emotional_support          8+12+9+6 = 35
			//  4  Derek Huang     direct_report was_peer (int, under)        inner  wk    5  TP, SB, HF                     12+12+12+9 = 45
			//  5  Aisha Bello     direct_report was_peer (int, under)        middle wk    4  TP, strategic_advice           8+12+9+6 = 35
			//  6  Liam O'Brien    direct_report (int, under)                 middle wk    3  strategic_advice, HF           8+12+6+6 = 32
			//  7  Mei Tanaka      direct_report (int, under)                 outer  wk    3  strategic_advice               4+12+6+3 = 25
			//  8  Carlos Ruiz     peer (int, none)                           middle mon   4  TP, HF                         8+8+9+6  = 31
			//  9  Ingrid Holm     peer (int, none)                           outer  qtr   3  strategic_advice               4+4+6+3  = 17
			// 10  Noah Feld       other_internal (int, none)                 outer  mon   3  HF                             4+8+6+3  = 21
			// 11  Beatrice Lamb   mentor (ext, professional)                 middle qtr   4  TP, BT', HF                    8+4+9+9  = 30
			// 12  George Pappas   peer_group (ext, professional)             outer  rare  4  SB, BT'                        4+0+9+6  = 19
			// 13  Yusuf Demir     former_colleague (ext, professional)       outer  qtr   3  TP, strategic_advice           4+4+6+6  = 20
			// 14  Claire Dubois   other_external (ext, professional)         outer  rare  3  BT', strategic_advice          4+0+6+6  = 16
			// 15  Hugo Lindqvist  other_external (ext, professional)         outer  qtr   2  strategic_advice               4+4+3+3  = 14
			// 16  Rosa Jimenez    family (ext, personal)                     inner  wk    5  TP, SB, emotional_support, LOW' 12+12+12+12 = 48
			// 17  Eli Jimenez     family (ext, personal)                     middle qtr   4  emotional_support, LOW'        8+4+9+6  = 27
			// 18  Ava Thornton    friend (ext, personal)                     middle mon   4  emotional_support, LOW'        8+8+9+6  = 31
			// 19  Sean Murphy     friend (ext, personal)                     outer  rare  3  LOW'                           4+0+6+3  = 13
			// 20  Priyanka Rao    friend (ext, personal)                     outer  qtr   3  LOW'                           4+4+6+3  = 17
			// inside 1–10: 34+14+35+45+35+32+25+31+17+21 = 289
			// outside_professional 11–15: 30+19+20+16+14 = 99
			// personal 16–20: 48+27+31+13+17 = 136
			// Σ48s = 524.
			file: "twenty-people.yaml",
			findings: []personaFinding{
				// OTP: TP holders Derek, Aisha, Carlos, Beatrice, Yusuf, Rosa; none matches.
				// Derek: current_org ✗, c5, weekly → [system]. Aisha: ✗, c4, weekly → [system].
				// Carlos: ✗, c4, monthly → [system]. Beatrice: professional, c4, quarterly ✗ → [frequency].
				// Yusuf: professional, c3 ✗, quarterly ✗ → [candour_min, frequency].
				// Rosa: personal ✗, c5, weekly → [system].
				{id: "outside-thinking-partner", almost: []personaAlmost{
					{"Derek Huang", []string{"system"}},
					{"Aisha Bello", []string{"system"}},
					{"Carlos Ruiz", []string{"system"}},
					{"Beatrice Lamb", []string{"frequency"}},
					{"Yusuf Demir", []string{"candour_min", "frequency"}},
					{"Rosa Jimenez", []string{"system"}},
				}},
				// CSB: SB holders Margaret, Sofia, Derek, George, Rosa; none matches.
				// Margaret: current_org ✗, c4, monthly → [system]. Sofia: ✗, c4, weekly → [system].
				// Derek: [system]. George: professional, c4, rarely ✗ → [frequency].
				// Rosa: personal ✗ → [system].
				{id: "confidential-sounding-board", almost: []personaAlmost{
					{"Margaret Lee", []string{"system"}},
					{"Sofia Marquez", []string{"system"}},
					{"Derek Huang", []string{"system"}},
					{"George Pappas", []string{"frequency"}},
					{"Rosa Jimenez", []string{"system"}},
				}},
				// FPR: was_peer: Derek (c5, weekly, TP/SB) ✓, Aisha (c4, weekly, TP) ✓.
				{id: "former-peer-reliance", people: []string{"Derek Huang", "Aisha Bello"}},
				// PC: power over/under ∧ c≥4 ∧ SB: Margaret (over, c4, SB) ✓;
				// Sofia (hr, over, c4, SB) ✓; Derek (under, c5, SB) ✓;
				// Aisha has no SB; Tobias c2; Liam, Mei c3.
				{id: "power-confidant", people: []string{"Margaret Lee", "Sofia Marquez", "Derek Huang"}},
				// FE: 75 ≥ 65.
				{id: "filtering-everywhere"},
				// Not firing: NC, SPS: confidants Margaret, Sofia, Derek,
				// Aisha, Carlos, Beatrice (quarterly counts), Rosa = 7
				// (George rarely, Yusuf c3); RFL 58.33 < 60.
			},
			strengths: []personaStrength{
				// BT: BT' holders Beatrice (none, quarterly) ✓; George,
				// Claire rarely ✗.
				{"been-there", []string{"Beatrice Lamb"}},
				// LOW: personal ∧ inner/middle ∧ not rarely: Rosa, Eli, Ava;
				// Sean and Priyanka are outer.
				{"life-outside-work", []string{"Rosa Jimenez", "Eli Jimenez", "Ava Thornton"}},
				// OIC: the inner ring is Derek (internal) and Rosa.
				{"outside-inner-circle", []string{"Rosa Jimenez"}},
				// NCh: HF ∧ power over/none ∧ not rarely: Margaret (over,
				// monthly), Carlos (none, monthly), Noah (none, monthly),
				// Beatrice (none, quarterly); Derek and Liam are under.
				{"no-challenger", []string{"Margaret Lee", "Carlos Ruiz", "Noah Feld", "Beatrice Lamb"}},
			},
			scores: map[string]*float64{
				"sources.inside":               personaNum(289.0 / 524),
				"sources.personal":             personaNum(136.0 / 524), // = 34/131
				"sources.outside_professional": personaNum(99.0 / 524),
				// Not rarely with professional distance: Beatrice (TP, BT',
				// HF), Yusuf (TP, strategic_advice), Hugo
				// (strategic_advice). George and Claire are rarely, so SB
				// is not covered. TP, BT', HF, strategic_advice → 4/6.
				"professional_coverage": personaNum(4.0 / 6),
				// Beatrice (c4, TP, quarterly); George rarely; Yusuf c3.
				"outside_confidants": personaNum(1),
				// 4 + 3 + (6-2) + 4 + (6-3) + 2 = 20 → 58.33
				"isolation": personaNum(175.0 / 3),
				// 5 + 4 + (6-2) + 4 + (6-3) + 4 = 24 → 18/24×100 = 75
				"filtering": personaNum(75),
			},
		},
		{
			// Mira: nobody at all. Every require rule fires with nobody
			// matched and nobody almost; NC fires (0 ≤ 0); SPS does not
			// (0 is not within {1,1}); the forbid rules match nobody.
			file: "nobody.yaml",
			findings: []personaFinding{
				// OTP, CSB, BT, LOW, OIC: 0 people match, fewer than 1;
				// nobody to be almost.
				{id: "outside-thinking-partner"},
				{id: "confidential-sounding-board"},
				{id: "been-there"},
				{id: "life-outside-work"},
				{id: "outside-inner-circle"},
				// NC: 0 confidants, within {max 0}.
				{id: "no-confidant"},
				// NCh: 0 match (require, warning); nobody almost.
				{id: "no-challenger"},
				// RFL: isolation 100.
				{id: "role-feels-lonely"},
				// FE: 50 < 65.
			},
			strengths: nil,
			scores: map[string]*float64{
				"sources.inside":               nil, // Σs = 0
				"sources.personal":             nil,
				"sources.outside_professional": nil,
				"professional_coverage":        personaNum(0),
				"outside_confidants":           personaNum(0),
				// 5 + 5 + (6-1) + 5 + (6-1) + 5 = 30 → 24/24×100 = 100
				"isolation": personaNum(100),
				// 3 + 3 + (6-3) + 3 + (6-3) + 3 = 18 → 12/24×100 = 50
				"filtering": personaNum(50),
			},
		},
		{
			// Sam: promoted over a former peer who is now a peer.
			//   Jordan Blake peer was_peer (internal, none), middle, weekly, c5, [TP, SB, emotional_support]
			//                48s = 8+12+12+9 = 41
			//   Tessa Moreau direct_report (internal, under), middle, weekly, c3, [HF, strategic_advice]
			//                48s = 8+12+6+6 = 32
			//   Frank Webb   supervisor (internal, over), middle, monthly, c2, [strategic_advice]
			//                48s = 8+8+3+3 = 22
			//   Leah Stein   friend (personal), middle, monthly, c4, [LOW', emotional_support]
			//                48s = 8+8+9+6 = 31
			// Σ48s = 126.
			file: "new-leader-former-peer.yaml",
			findings: []personaFinding{
				// OTP: TP only Jordan: current_org ✗, c5, weekly → [system].
				{id: "outside-thinking-partner", almost: []personaAlmost{
					{"Jordan Blake", []string{"system"}},
				}},
				// CSB: SB only Jordan → [system].
				{id: "confidential-sounding-board", almost: []personaAlmost{
					{"Jordan Blake", []string{"system"}},
				}},
				// BT: nobody has BT'.
				{id: "been-there"},
				// OIC: nobody in the inner ring.
				{id: "outside-inner-circle"},
				// SPS: confidants: Jordan only (Leah has no TP/SB) → 1.
				{id: "single-point-of-support", people: []string{"Jordan Blake"}},
				// FPR: Jordan was_peer, c5, weekly, TP/SB.
				{id: "former-peer-reliance", people: []string{"Jordan Blake"}},
				// NCh: HF only Tessa: power under ✗, weekly ✓ → [power].
				{id: "no-challenger", almost: []personaAlmost{
					{"Tessa Moreau", []string{"power"}},
				}},
				// Not firing: NC (1); PC (Jordan is power none; Tessa c3,
				// Frank c2, no SB); RFL 58.33; FE 58.33.
			},
			strengths: []personaStrength{
				{"life-outside-work", []string{"Leah Stein"}}, // personal, middle, monthly
			},
			scores: map[string]*float64{
				"sources.inside":               personaNum(95.0 / 126), // 41 + 32 + 22
				"sources.personal":             personaNum(31.0 / 126), // Leah 31
				"sources.outside_professional": personaNum(0),
				"professional_coverage":        personaNum(0),
				"outside_confidants":           personaNum(0),
				// 4 + 4 + (6-3) + 3 + (6-3) + 3 = 20 → 58.33
				"isolation": personaNum(175.0 / 3),
				// 4 + 3 + (6-3) + 4 + (6-3) + 3 = 20 → 58.33
				"filtering": personaNum(175.0 / 3),
			},
		},
		{
			// Esther: edges. A therapist at candour exactly 4 is the only
			// sounding board; a mentor at candour 3 is the only thinking
			// partner; a direct report is the only one who has been there;
			// a friend is seen rarely.
			//   Miriam Katz    therapist (coaching), middle, monthly, c4, [SB, emotional_support]
			//                  48s = 8+8+9+6 = 31
			//   Iris Novak     mentor (professional), middle, monthly, c3, [TP]
			//                  48s = 8+8+6+3 = 25
			//   Oscar Lindgren direct_report (internal, under), middle, weekly, c3, [BT', strategic_advice]
			//                  48s = 8+12+6+6 = 32
			//   Ken Adams      board (internal, over), outer, quarterly, c3, [HF, strategic_advice]
			//                  48s = 4+4+6+6 = 20
			//   Ruby Fox       friend (personal), middle, rarely, c5, [LOW', emotional_support]
			//                  48s = 8+0+12+6 = 26
			// Σ48s = 134.
			file: "therapist-and-boundaries.yaml",
			findings: []personaFinding{
				// OTP: TP only Iris: professional ✓, c3 ✗, monthly ✓ → [candour_min].
				{id: "outside-thinking-partner", almost: []personaAlmost{
					{"Iris Novak", []string{"candour_min"}},
				}},
				// BT: BT' only Oscar: power under ✗, weekly ✓ → [power].
				{id: "been-there", almost: []personaAlmost{
					{"Oscar Lindgren", []string{"power"}},
				}},
				// LOW: Ruby personal, middle ✓, rarely ✗ → [frequency].
				{id: "life-outside-work", almost: []personaAlmost{
					{"Ruby Fox", []string{"frequency"}},
				}},
				// OIC: nobody in the inner ring.
				{id: "outside-inner-circle"},
				// SPS: confidants: Miriam (c4, SB, monthly); Iris c3 → 1.
				{id: "single-point-of-support", people: []string{"Miriam Katz"}},
				// RFL: 62.5 ≥ 60.
				{id: "role-feels-lonely"},
				// Not firing: NC (1); FPR; PC (Oscar, Ken c3, no SB);
				// FE 45.83.
			},
			strengths: []personaStrength{
				// CSB: Miriam coaching, c4 (candour_min 4 is inclusive), monthly, SB.
				{"confidential-sounding-board", []string{"Miriam Katz"}},
				// NCh: Ken (over, quarterly, HF).
				{"no-challenger", []string{"Ken Adams"}},
			},
			scores: map[string]*float64{
				"sources.inside":               personaNum(52.0 / 134), // Oscar 32 + Ken 20 (= 26/67)
				"sources.personal":             personaNum(26.0 / 134), // Ruby 26 (= 13/67)
				"sources.outside_professional": personaNum(56.0 / 134), // Miriam 31 + Iris 25 (= 28/67)
				// Miriam (monthly): SB, emotional_support; Iris (monthly): TP → 3/6.
				"professional_coverage": personaNum(0.5),
				"outside_confidants":    personaNum(1), // Miriam
				// 4 + 4 + (6-3) + 4 + (6-4) + 4 = 21 → 62.5
				"isolation": personaNum(62.5),
				// 3 + 4 + (6-4) + 3 + (6-4) + 3 = 17 → 45.83
				"filtering": personaNum(1100.0 / 24),
			},
		},
		{
			// Hana: confides fully in her manager, but only once or twice a
			// year. power-confidant has no frequency key, so it fires even
			// though Beth is not a confidant; former-peer-reliance has one,
			// so a former peer seen rarely does not fire it.
			//   Nina Park     coach (coaching), inner, weekly, c4, [TP, HF]
			//                 48s = 12+12+9+6 = 39
			//   Beth Sorensen supervisor (internal, over), outer, rarely, c5, [SB]
			//                 48s = 4+0+12+3 = 19
			//   Tariq Aziz    other_internal was_peer (internal, none), middle, rarely, c5, [TP, SB]
			//                 48s = 8+0+12+6 = 26
			//   Gail Turner   peer_group (professional), outer, quarterly, c3, [BT', strategic_advice]
			//                 48s = 4+4+6+6 = 20
			//   Owen Price    family (personal), middle, quarterly, c3, [LOW']
			//                 48s = 8+4+6+3 = 21
			// Σ48s = 125.
			file: "confides-in-boss-rarely.yaml",
			findings: []personaFinding{
				// CSB: SB: Beth (current_org ✗, c5 ✓, rarely ✗) → [system,
				// frequency]; Tariq likewise. Nina has no SB: not almost.
				{id: "confidential-sounding-board", almost: []personaAlmost{
					{"Beth Sorensen", []string{"system", "frequency"}},
					{"Tariq Aziz", []string{"system", "frequency"}},
				}},
				// SPS: confidants: Nina (c4, TP, weekly); Beth and Tariq are
				// rarely → 1.
				{id: "single-point-of-support", people: []string{"Nina Park"}},
				// PC: Beth over, c5, SB (no frequency key) ✓.
				{id: "power-confidant", people: []string{"Beth Sorensen"}},
				// Not firing: NC (1); FPR (Tariq was_peer but rarely ✗);
				// RFL 37.5; FE 62.5.
			},
			strengths: []personaStrength{
				{"outside-thinking-partner", []string{"Nina Park"}}, // coaching, c4, weekly, TP
				{"been-there", []string{"Gail Turner"}},             // none, quarterly, BT'
				{"life-outside-work", []string{"Owen Price"}},       // personal, middle, quarterly
				{"outside-inner-circle", []string{"Nina Park"}},     // external, inner, weekly
				{"no-challenger", []string{"Nina Park"}},            // none, weekly, HF
			},
			scores: map[string]*float64{
				"sources.inside":               personaNum(45.0 / 125), // Beth 19 + Tariq 26 (= 9/25)
				"sources.personal":             personaNum(21.0 / 125), // Owen 21
				"sources.outside_professional": personaNum(59.0 / 125), // Nina 39 + Gail 20
				// Nina (weekly): TP, HF; Gail (quarterly): BT',
				// strategic_advice → 4/6.
				"professional_coverage": personaNum(4.0 / 6),
				"outside_confidants":    personaNum(1), // Nina
				// 3 + 3 + (6-4) + 3 + (6-4) + 2 = 15 → 9/24×100 = 37.5
				"isolation": personaNum(37.5),
				// 4 + 4 + (6-3) + 4 + (6-3) + 3 = 21 → 62.5, just under 65
				"filtering": personaNum(62.5),
			},
		},
	}

	dir := filepath.Join("testdata", "personas")
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, c := range cases {
		covered[c.file] = true
	}
	for _, f := range files {
		if !covered[filepath.Base(f)] {
			t.Errorf("persona %s has no expected findings in TestPersonas", filepath.Base(f))
		}
	}

	for _, c := range cases {
		t.Run(strings.TrimSuffix(c.file, ".yaml"), func(t *testing.T) {
			q, a, err := ReadAnswersFile(filepath.Join(dir, c.file), "")
			if err != nil {
				t.Fatalf("persona %s: %v", c.file, err)
			}
			checkPersona(t, c, a, Compute(q, a))
		})
	}
}

// checkPersona compares one persona's outcome with what was worked out by
// hand, and says for each difference the persona, the finding and what
// differs.
func checkPersona(t *testing.T, c personaCase, a *Answers, o Outcome) {
	t.Helper()
	p := c.file

	var wantIDs, gotIDs []string
	for _, f := range c.findings {
		wantIDs = append(wantIDs, f.id)
	}
	got := map[string]Finding{}
	for _, f := range o.Findings {
		gotIDs = append(gotIDs, f.ID)
		got[f.ID] = f
		if want, ok := personaSeverity[f.ID]; ok && f.Severity != want {
			t.Errorf("persona %s, finding %s: severity %q, want %q", p, f.ID, f.Severity, want)
		}
	}
	if !slices.Equal(gotIDs, wantIDs) {
		t.Errorf("persona %s: findings in rank order\n got %q\nwant %q", p, gotIDs, wantIDs)
	}

	for _, w := range c.findings {
		g, ok := got[w.id]
		if !ok {
			continue // already reported above
		}
		if !slices.Equal(g.People, w.people) {
			t.Errorf("persona %s, finding %s: people %q, want %q", p, w.id, g.People, w.people)
		}
		var gotAlmost []string
		for _, al := range g.Almost {
			gotAlmost = append(gotAlmost, fmt.Sprintf("%s %q", al.Name, al.Unmet))
			if al.Text == "" {
				t.Errorf("persona %s, finding %s: almost %s has no text", p, w.id, al.Name)
			}
			for _, person := range a.People {
				if strings.Contains(al.Text, person.Name) {
					t.Errorf("persona %s, finding %s: almost text for %s names %s: %q", p, w.id, al.Name, person.Name, al.Text)
				}
			}
		}
		var wantAlmost []string
		for _, al := range w.almost {
			wantAlmost = append(wantAlmost, fmt.Sprintf("%s %q", al.name, al.unmet))
		}
		if !slices.Equal(gotAlmost, wantAlmost) {
			t.Errorf("persona %s, finding %s: almost\n got %s\nwant %s", p, w.id, strings.Join(gotAlmost, "; "), strings.Join(wantAlmost, "; "))
		}
	}

	var gotStrengths, wantStrengths []string
	for _, s := range o.Strengths {
		gotStrengths = append(gotStrengths, fmt.Sprintf("%s %q", s.ID, s.People))
	}
	for _, s := range c.strengths {
		wantStrengths = append(wantStrengths, fmt.Sprintf("%s %q", s.id, s.people))
	}
	if !slices.Equal(gotStrengths, wantStrengths) {
		t.Errorf("persona %s: strengths\n got %s\nwant %s", p, strings.Join(gotStrengths, "; "), strings.Join(wantStrengths, "; "))
	}

	for name, want := range c.scores {
		v, ok := o.Scores.Get(name)
		switch {
		case !ok:
			t.Errorf("persona %s: no score %s", p, name)
		case want == nil && v != nil:
			t.Errorf("persona %s: score %s = %v, want null", p, name, *v)
		case want != nil && v == nil:
			t.Errorf("persona %s: score %s is null, want %v", p, name, *want)
		case want != nil && math.Abs(*v-*want) > 1e-9:
			t.Errorf("persona %s: score %s = %.12g, want %.12g", p, name, *v, *want)
		}
	}
}
