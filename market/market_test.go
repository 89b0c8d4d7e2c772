package market

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // tests run on machines without a zoneinfo database
)

func TestMarketFor(t *testing.T) {
	tests := []struct {
		name, in, wantName, wantZone string
		wantClose                    time.Duration
		wantErr                      string
	}{
		{name: "HKEX", in: "HKEX", wantName: "HKEX", wantZone: "Asia/Hong_Kong", wantClose: 16 * time.Hour},
		{name: "case ignored", in: "hkex", wantName: "HKEX", wantZone: "Asia/Hong_Kong", wantClose: 16 * time.Hour},
		{name: "Shanghai", in: "SSE", wantName: "SSE", wantZone: "Asia/Shanghai", wantClose: 15 * time.Hour},
		{name: "unknown", in: "NYSE", wantErr: `"NYSE"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := MarketFor(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Name != tt.wantName || got.Location.String() != tt.wantZone || got.Close != tt.wantClose {
				t.Errorf("got %s %s %v, want %s %s %v", got.Name, got.Location, got.Close, tt.wantName, tt.wantZone, tt.wantClose)
			}
		})
	}
}

func TestMarketForIndex(t *testing.T) {
	for _, code := range []string{"HSI", "HSTECH", "^HSCE", "恒指"} {
		t.Run(code, func(t *testing.T) {
			m, err := MarketForIndex(code)
			if err != nil {
				t.Fatal(err)
			}
			if m.Name != "HKEX" {
				t.Errorf("got market %s, want HKEX", m.Name)
			}
		})
	}
	_, err := MarketForIndex("FTSE")
	if err == nil || !strings.Contains(err.Error(), `"FTSE"`) || !strings.Contains(err.Error(), "HSI, HSCEI, HSTECH") {
		t.Errorf("err = %v, want one naming FTSE and listing HSI, HSCEI, HSTECH", err)
	}
}
