package sentiment

import "testing"

// TestChangeGrammar pins the grammar of change: a metric's polarity times
// its direction, numeric comparisons, and what must stay neutral.
func TestChangeGrammar(t *testing.T) {
	la := newTestAnalyzer(t)
	tests := []struct {
		text string
		want sign
	}{
		{"Operating profit rose to EUR 13.1 mn from EUR 8.7 mn.", pos},
		{"Net sales decreased by 7.5 % to EUR 312 mn.", neg},
		{"Costs rose 12 percent in the quarter.", neg},
		{"Operating expenses fell to EUR 40 mn.", pos},
		{"The operating loss narrowed to EUR 2.0 mn from EUR 5.4 mn.", pos},
		{"The net loss widened to EUR 9 mn.", neg},
		{"The company reported higher costs for raw materials.", neg},
		{"Lower costs lifted the margin.", pos},
		{"A 12 percent increase in net sales was reported.", pos},
		{"Net debt was reduced by a third.", pos},
		{"Operating profit excluding one-off items fell to EUR 3 mn.", neg},
		{"Operating profit totalled EUR 9.0 mn, compared with EUR 7.1 mn a year earlier.", pos},
		{"Net sales were EUR 312 mn versus EUR 340 mn in the corresponding period.", neg},
		{"Operating loss was EUR 2.0 mn compared with EUR 5.4 mn.", pos},
		{"Net sales rose to EUR 1.2 bn from EUR 900 mn.", pos},
		{"Sales growth slowed to 3 percent.", neg},
		{"Profit did not rise in the quarter.", neg},
		{"净利润同比下降15%。", neg},
		{"亏损大幅收窄。", pos},
		{"營收增長20%。", pos},
		{"成本上升。", neg},
		{"Operating loss totalled EUR 0.3 mn compared to a profit of EUR 2.2 mn a year earlier.", neg},
		{"Pre-tax loss totalled EUR 1.2 mn, compared to a loss of EUR 2.6 mn.", pos},
		{"Operating profit was EUR 1.1 mn, compared with an operating loss of EUR 0.9 mn.", pos},
		{"The operating margin was 8.3 %, compared with 11.8 % a year earlier.", neg},
		{"Net sales totaled EUR 1.5 bn, up 4 % year-on-year.", pos},
		{"The company swung to a pretax profit of EUR 4.9 mn from a loss of EUR 5.3 mn.", pos},
		{"The board raised the dividend to EUR 0.50.", pos},
		{"The group slashed its dividend.", neg},
		{"Tencent said costs were stable, and its shares fell 6 percent.", neg},
		{"The group is struggling with debt, and its shares plunged 6 percent.", neg},
		{"Net sales were EUR 312 mn in the third quarter.", zero},
		{"Income tax was EUR 3 mn in 2025 compared with 2024.", zero},
		{"The company sells paper and packaging in 2025 compared with 2024.", zero},
		{"Traders cited profit taking.", zero},
		{"The company will publish its results on 5 May.", zero},
		{"The model was fine-tuned on financial text.", zero},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			m := newDocModel(tt.text, 0)
			la.lx.scoreClauses(m)
			var sum float64
			for _, s := range m.sents {
				sum += s.sum
			}
			if got := signOf(squash(sum)); got != tt.want {
				t.Errorf("sign %d (sum %.3f), want %d", got, sum, tt.want)
			}
		})
	}
}
