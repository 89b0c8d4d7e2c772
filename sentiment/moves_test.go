package sentiment

import (
	"fmt"
	"testing"

	"github.com/sectorpulse/sectorpulse"
)

func fmtMove(m sectorpulse.IndexMove) string {
	pct, level := "nil", "nil"
	if m.ChangePct != nil {
		pct = fmt.Sprintf("%g", *m.ChangePct)
	}
	if m.Level != nil {
		level = fmt.Sprintf("%g", *m.Level)
	}
	return fmt.Sprintf("%s %s%% @%s", m.Index, pct, level)
}

func TestFindIndexMoves(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want []string
	}{
		{"rose percent to points", "The Hang Seng Index rose 3.69 percent to 22,620.33 points.", []string{"HSI 3.69% @22620.33"}},
		{"tech up", "Hang Seng Tech Index up 5.56 percent", []string{"HSTECH 5.56% @nil"}},
		{"hscei fell", "Elsewhere, the Hang Seng China Enterprises Index fell 1.2% to 8,100.5.", []string{"HSCEI -1.2% @8100.5"}},
		{"closed down per cent at", "The benchmark Hang Seng Index closed down 0.8 per cent at 19,864.55.", []string{"HSI -0.8% @19864.55"}},
		{"points then percent", "By midday the HSI lost 310.2 points, or 1.5 percent, to 20,010.1.", []string{"HSI -1.5% @20010.1"}},
		{"tech index higher at", "Meanwhile the tech index ended 2.3% higher at 4,501.02.", []string{"HSTECH 2.3% @4501.02"}},
		{"two indexes in one sentence", "The Hang Seng Index gained 1.1 percent, while the Hang Seng Tech Index dropped 0.4 percent.", []string{"HSI 1.1% @nil", "HSTECH -0.4% @nil"}},
		{"level only", "The Hang Seng Index slipped to 19,950.2 points at the close.", []string{"HSI nil% @19950.2"}},
		{"chinese", "恒生指數上漲2.1%，收報20,150.5點。", []string{"HSI 2.1% @20150.5"}},
		{"forecast is not a move", "Analysts expect the Hang Seng Index to rise 10 percent by the end of next year.", nil},
		{"could is not a move", "The Hang Seng Index could fall 5 percent if talks fail.", nil},
		{"percent without index", "Tencent shares rose 3.2 percent to 410.6 Hong Kong dollars.", nil},
		{"index without figure", "The Hang Seng Index rose on Monday.", nil},
		{"index without direction", "The Hang Seng Index has 82 constituents.", nil},
		{"separate sentences", "Tencent jumped 4 percent. The Hang Seng Index was flat.", nil},
		{"Hang Seng Bank is not the index", "Hang Seng Bank rose 1.2 percent after its results.", nil},
		{"bank after the index", "The Hang Seng Index fell 0.5 percent to 21,631.99, while Hang Seng Bank edged up 0.3 percent.", []string{"HSI -0.5% @21631.99"}},
		{"chinese bank", "恒生銀行上漲0.9%。", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			moves := FindIndexMoves(tt.doc)
			var got []string
			for _, m := range moves {
				got = append(got, fmtMove(m))
				if tt.doc[m.Evidence.Start:m.Evidence.End] != m.Evidence.Quote {
					t.Errorf("evidence offsets [%d,%d) give %q, want quote %q", m.Evidence.Start, m.Evidence.End, tt.doc[m.Evidence.Start:m.Evidence.End], m.Evidence.Quote)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFindIndexMovesEvidenceIsSentence(t *testing.T) {
	doc := "Stocks rallied\n\nHong Kong shares climbed on Tuesday. The Hang Seng Index rose 3.69 percent to 22,620.33 points. Turnover was heavy."
	moves := FindIndexMoves(doc)
	if len(moves) != 1 {
		t.Fatalf("got %d moves, want 1", len(moves))
	}
	want := "The Hang Seng Index rose 3.69 percent to 22,620.33 points."
	if moves[0].Evidence.Quote != want {
		t.Errorf("got evidence %q, want %q", moves[0].Evidence.Quote, want)
	}
}
