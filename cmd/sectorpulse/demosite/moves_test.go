package demosite

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

const (
	upVerbs   = `rose|rises|climbed|climbs|gained|gains|jumped|jumps|surged|surges|added|adds|advanced|advances|rallied|rallies|soared|soars|rebounded|rebounds|up|higher`
	downVerbs = `fell|falls|dropped|drops|slid|slides|declined|declines|lost|loses|tumbled|tumbles|sank|sinks|slipped|slips|eased|eases|retreated|retreats|slumped|slumps|down|lower`
	enIndex   = `Hang Seng (?:Tech|TECH) Index|Hang Seng China Enterprises Index|Hang Seng Index|Hang Seng Tech|Hang Seng`
	zhIndex   = `恒生科技指數|恒生科指|恒生中國企業指數|國企指數|恒生指數|恒指`
	zhUp      = `急升|大升|上升|上漲|升|漲`
	zhDown    = `急跌|大跌|下跌|跌`
)

// Move patterns: index name, optional "closed/ended", a verb and a percent
// (or a percent and "higher/lower"), and optionally "to/at LEVEL".
var (
	enMove = regexp.MustCompile(`^(` + enIndex + `)\s+(?:(?:closed|ended|finished|was)\s+)?(?:(` + upVerbs + `|` + downVerbs + `)\s+(\d+(?:\.\d+)?)\s*(?:percent|per cent|%)|(\d+(?:\.\d+)?)\s*(?:percent|per cent|%)\s+(higher|lower))(?:\s+(?:to|at)\s+(\d{1,3}(?:,\d{3})*\.\d{2})\b)?`)
	zhMove = regexp.MustCompile(`^(` + zhIndex + `)(?:收市|收盤|全日)?(` + zhUp + `|` + zhDown + `)\s*(\d+(?:\.\d+)?)\s*%(?:[，,]\s*(?:收報|報)\s*(\d{1,3}(?:,\d{3})*\.\d{2})\s*點)?`)

	enName     = regexp.MustCompile(`\b(?:` + enIndex + `)\b`)
	zhName     = regexp.MustCompile(zhIndex)
	percent    = regexp.MustCompile(`\d+(?:\.\d+)?\s*(?:percent|per cent|%)`)
	enSentence = regexp.MustCompile(`[.!?]["”']?(?:\s|$)`)
	levelAfter = regexp.MustCompile(`^\s+(?:to|at)\s+\d`)
	isDown     = regexp.MustCompile(`^(?:` + downVerbs + `|` + zhDown + `)$`)
)

// indexCode maps an index name used in an article to its price file code.
func indexCode(name string) string {
	switch {
	case strings.Contains(name, "China Enterprises"), strings.Contains(name, "國企"), strings.Contains(name, "中國企業"):
		return "HSCEI"
	case strings.Contains(name, "Tech"), strings.Contains(name, "TECH"), strings.Contains(name, "科"):
		return "HSTECH"
	}
	return "HSI"
}

// reportedMove is one index move found in an article.
type reportedMove struct {
	code, quote string
	pct         float64 // signed
	level       string  // "" when not given
}

// findMoves returns every index move in text. It reports as an error any
// mention of an index whose clause carries a percent figure that the move
// patterns do not account for, so no reported number escapes the check.
func findMoves(text string) ([]reportedMove, []string) {
	var moves []reportedMove
	var errs []string
	check := func(names *regexp.Regexp, move *regexp.Regexp, zh bool) {
		locs := names.FindAllStringIndex(text, -1)
		for i, loc := range locs {
			if !zh && strings.HasPrefix(text[loc[1]:], " Bank") {
				continue // Hang Seng Bank, a company
			}
			m := move.FindStringSubmatch(text[loc[0]:])
			if m == nil {
				rest := text[loc[1]:]
				if i+1 < len(locs) {
					rest = text[loc[1]:locs[i+1][0]]
				}
				if zh {
					rest, _, _ = strings.Cut(rest, "。")
				} else if e := enSentence.FindStringIndex(rest); e != nil {
					rest = rest[:e[0]]
				}
				if p := percent.FindString(rest); p != "" {
					errs = append(errs, fmt.Sprintf("unchecked figure %q after %q", p, text[loc[0]:loc[1]]))
				}
				continue
			}
			var verb, pct, level string
			if zh {
				verb, pct, level = m[2], m[3], m[4]
			} else {
				verb, pct, level = m[2], m[3], m[6]
				if verb == "" {
					verb, pct = m[5], m[4]
				}
				if level == "" && levelAfter.MatchString(text[loc[0]+len(m[0]):]) {
					errs = append(errs, fmt.Sprintf("level after %q is not written as 12,345.67", m[0]))
				}
			}
			v, err := strconv.ParseFloat(pct, 64)
			if err != nil {
				errs = append(errs, fmt.Sprintf("percent %q: %v", pct, err))
				continue
			}
			if isDown.MatchString(verb) {
				v = -v
			}
			moves = append(moves, reportedMove{code: indexCode(m[1]), quote: m[0], pct: v, level: level})
		}
	}
	check(enName, enMove, false)
	check(zhName, zhMove, true)
	return moves, errs
}

// checkMove compares a reported move with the bundled closes of the session.
func checkMove(mv reportedMove, session string, prices map[string]series) error {
	s, ok := prices[mv.code]
	if !ok {
		return fmt.Errorf("%q: no bundled prices for %s", mv.quote, mv.code)
	}
	i, ok := s.index[session]
	if !ok || i == 0 {
		return fmt.Errorf("%q: no %s close for session %s and the day before", mv.quote, mv.code, session)
	}
	want := math.Round((s.closes[i]/s.closes[i-1]-1)*100*100) / 100
	if math.Abs(mv.pct-want) > 1e-9 {
		return fmt.Errorf("%q: change got %+.2f%%, want %+.2f%% (%s session %s)", mv.quote, mv.pct, want, mv.code, session)
	}
	if mv.level != "" {
		got, err := strconv.ParseFloat(strings.ReplaceAll(mv.level, ",", ""), 64)
		if err != nil {
			return fmt.Errorf("%q: level: %w", mv.quote, err)
		}
		if math.Abs(got-s.closes[i]) > 0.005 {
			return fmt.Errorf("%q: level got %s, want %.2f (%s session %s)", mv.quote, mv.level, s.closes[i], mv.code, session)
		}
	}
	return nil
}

// TestIndexMovesMatchPrices finds every index move every article reports and
// checks its percent and level against the bundled closes of the session the
// article describes (the latest session closed when it was published).
func TestIndexMovesMatchPrices(t *testing.T) {
	loc := hkLocation(t)
	prices := bundledSeries(t)
	withMoves, withLevels := 0, 0
	for _, p := range embeddedPages(t) {
		t.Run(p.name, func(t *testing.T) {
			session, ok := sessionOf(p.meta.Published, loc)
			if !ok {
				t.Fatalf("published %v before the first session", p.meta.Published)
			}
			text := p.meta.Title + "\n\n" + strings.Join(p.paras, "\n\n")
			moves, errs := findMoves(text)
			for _, e := range errs {
				t.Error(e)
			}
			levels := 0
			for _, mv := range moves {
				if err := checkMove(mv, session, prices); err != nil {
					t.Error(err)
				}
				if mv.level != "" {
					levels++
				}
			}
			if len(moves) > 0 {
				withMoves++
			}
			if levels > 0 {
				withLevels++
			}
		})
	}
	t.Logf("%d articles report an index move, %d with its level", withMoves, withLevels)
	if withLevels < 25 {
		t.Errorf("articles reporting a move with its level got %d, want >= 25 (any move: %d)", withLevels, withMoves)
	}
}

// TestMoveCheckerCatchesErrors proves the checker can fail: wrong figures,
// wrong direction and figures outside the patterns are all reported.
func TestMoveCheckerCatchesErrors(t *testing.T) {
	prices := map[string]series{
		"HSI":    {dates: []string{"2025-01-02", "2025-01-03"}, closes: []float64{20000, 20368}, index: map[string]int{"2025-01-02": 0, "2025-01-03": 1}},
		"HSTECH": {dates: []string{"2025-01-02", "2025-01-03"}, closes: []float64{5000, 4900}, index: map[string]int{"2025-01-02": 0, "2025-01-03": 1}},
	}
	tests := []struct {
		name    string
		text    string
		wantErr bool
		moves   int
	}{
		{"right", "The Hang Seng Index rose 1.84 percent to 20,368.00 points.", false, 1},
		{"right per cent at", "The benchmark Hang Seng Index closed up 1.84 per cent at 20,368.00.", false, 1},
		{"right tech fall", "The Hang Seng Tech Index fell 2 percent to 4,900.00.", false, 1},
		{"right higher", "The Hang Seng Index ended 1.84 percent higher at 20,368.00.", false, 1},
		{"right chinese", "恒生指數收市升1.84%，報20,368.00點；恒生科技指數跌2.00%，報4,900.00點。", false, 2},
		{"company not index", "Hang Seng Bank rose 3.1 percent.", false, 0},
		{"no figures", "The Hang Seng China Enterprises Index also fell.", false, 0},
		{"wrong percent", "The Hang Seng Index rose 1.85 percent to 20,368.00.", true, 1},
		{"wrong sign", "The Hang Seng Index fell 1.84 percent to 20,368.00.", true, 1},
		{"wrong level", "The Hang Seng Index rose 1.84 percent to 20,386.00.", true, 1},
		{"rounded percent", "The Hang Seng Index rose 1.8 percent to 20,368.00.", true, 1},
		{"level without separators", "The Hang Seng Index rose 1.84 percent to 20368.00.", true, 1},
		{"wrong chinese level", "恒生指數升1.84%，報20,386.00點。", true, 1},
		{"unchecked phrasing", "The Hang Seng Index, after a volatile session, rose 1.84 percent.", true, 0},
		{"unchecked cumulative", "The Hang Seng Tech Index's rise of 20 percent this year.", true, 0},
		{"index without prices", "The Hang Seng China Enterprises Index rose 1.5 percent to 7,000.00.", true, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			moves, errs := findMoves(tt.text)
			for _, mv := range moves {
				if err := checkMove(mv, "2025-01-03", prices); err != nil {
					errs = append(errs, err.Error())
				}
			}
			if got := len(errs) > 0; got != tt.wantErr {
				t.Errorf("errors got %v, want error %v", errs, tt.wantErr)
			}
			if len(moves) != tt.moves {
				t.Errorf("moves got %d, want %d", len(moves), tt.moves)
			}
		})
	}
}
