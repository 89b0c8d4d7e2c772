package pipeline

import (
	"fmt"
	"io"

	"github.com/sectorpulse/sectorpulse/market"
)

// RollingColumns returns the columns of the rolling-correlation table.
// Like the export tables, the statistics tables only ever gain columns at
// the end.
func RollingColumns() []string {
	return []string{"index_code", "sector", "method", "lag", "date", "window", "n", "r", "p_value", "note"}
}

// GrangerColumns returns the columns of the Granger table.
func GrangerColumns() []string {
	return []string{"index_code", "sector", "direction", "lag", "n", "df1", "df2", "f", "p_value", "aic", "from", "to", "note"}
}

// EventColumns returns the columns of the event-study table for the days
// of the window: one mean abnormal return column per day, named ar_m1,
// ar_0, ar_p1 … (m for minus, p for plus).
func EventColumns(days []int) []string {
	cols := []string{"index_code", "sector", "direction", "threshold", "events", "dropped", "car", "sd", "t", "p_value", "note"}
	for _, d := range days {
		cols = append(cols, eventDayColumn(d))
	}
	return cols
}

// eventDayColumn names the column of relative day d.
func eventDayColumn(d int) string {
	switch {
	case d < 0:
		return fmt.Sprintf("ar_m%d", -d)
	case d > 0:
		return fmt.Sprintf("ar_p%d", d)
	}
	return "ar_0"
}

// writeTable writes a header and rows in format.
func writeTable(w io.Writer, format string, cols []string, n int, row func(i int) []any) error {
	enc, err := NewRowEncoder(w, format)
	if err != nil {
		return err
	}
	if err := enc.WriteHeader(cols); err != nil {
		return err
	}
	for i := range n {
		if err := enc.WriteRow(row(i)); err != nil {
			return err
		}
	}
	return enc.Flush()
}

// WriteRolling writes rolling correlations as CSV or JSONL.
func WriteRolling(w io.Writer, format string, ps []market.RollingPoint) error {
	return writeTable(w, format, RollingColumns(), len(ps), func(i int) []any {
		p := ps[i]
		return []any{p.Index, p.Sector, p.Method, p.Lag, p.Date, p.Window, p.N, sig6(p.R), sig6(p.P), p.Note}
	})
}

// WriteGranger writes Granger tests as CSV or JSONL.
func WriteGranger(w io.Writer, format string, gs []market.GrangerResult) error {
	return writeTable(w, format, GrangerColumns(), len(gs), func(i int) []any {
		g := gs[i]
		var lag any // no order was chosen when the test could not run
		if g.Lag > 0 {
			lag = g.Lag
		}
		return []any{g.Index, g.Sector, g.Direction, lag, g.N, g.DF1, g.DF2, sig6(g.F), sig6(g.P), sig6(g.AIC), g.From, g.To, g.Note}
	})
}

// WriteEvents writes event studies as CSV or JSONL; all must share one
// window (as one EventStudies call gives).
func WriteEvents(w io.Writer, format string, es []market.EventStudy) error {
	var days []int
	if len(es) > 0 {
		days = es[0].Days
	}
	return writeTable(w, format, EventColumns(days), len(es), func(i int) []any {
		e := es[i]
		row := []any{e.Index, e.Sector, e.Direction, e.Threshold, e.Events, e.Dropped, sig6(e.CAR), sig6(e.SD), sig6(e.T), sig6(e.P), e.Note}
		for j := range days {
			v := any(nil)
			if j < len(e.MeanAR) {
				v = sig6(e.MeanAR[j])
			}
			row = append(row, v)
		}
		return row
	})
}
