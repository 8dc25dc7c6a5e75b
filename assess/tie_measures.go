package assess

// TieMeasures are the measures of the ties among people, for the leader
// at the centre of the unweighted network of the leader, the n people and
// the t ties among them. Effective size and constraint are exactly what
// networkx.effective_size and networkx.constraint give for the leader's
// node; each is nil where it is undefined.
type TieMeasures struct {
	// EffectiveSize is Borgatti's n − 2t/n: the people, less the overlap
	// of those who know each other. Nil with nobody.
	EffectiveSize *float64
	// Efficiency is EffectiveSize / n, in (0,1]. Nil with nobody.
	Efficiency *float64
	// Constraint is Burt's (1992): Σ_j (p_j + Σ_q p_q·p_qj)², over the
	// people j and the people q they know, where p_j = 1/n is the
	// leader's share of attention on j and p_qj = 1/deg(q) is q's on j,
	// deg(q) counting the leader too. 1/n with no ties, up to 1.125 (two
	// people who know each other). Nil with nobody.
	Constraint *float64
	// Density is t / (n(n−1)/2), among the people only. Nil with fewer
	// than two.
	Density *float64
}

// MeasureTies works out the tie measures of people whose Knows are joined
// (JoinTies): symmetric, and naming only people among them.
func MeasureTies(people []Person) TieMeasures {
	n := len(people)
	if n == 0 {
		return TieMeasures{}
	}
	index := map[string]int{}
	for i, p := range people {
		index[NameKey(p.Name)] = i
	}
	// knows[i] lists the people i knows, by position, each once.
	knows := make([][]int, n)
	ends := 0 // each tie counted from both of its ends: 2t
	for i, p := range people {
		seen := map[int]bool{}
		for _, k := range p.Knows {
			if j, ok := index[NameKey(k)]; ok && j != i && !seen[j] {
				seen[j] = true
				knows[i] = append(knows[i], j)
				ends++
			}
		}
	}
	fn := float64(n)
	var m TieMeasures
	size := fn - float64(ends)/fn
	m.EffectiveSize = ptr(size)
	m.Efficiency = ptr(size / fn)
	c := 0.0
	for j := range people {
		sum := 1 / fn
		for _, q := range knows[j] {
			// The leader to q, then q to j: q's degree counts the leader.
			sum += 1 / fn * 1 / float64(len(knows[q])+1)
		}
		c += sum * sum
	}
	m.Constraint = ptr(c)
	if n >= 2 {
		m.Density = ptr(float64(ends) / 2 / (fn * (fn - 1) / 2))
	}
	return m
}
