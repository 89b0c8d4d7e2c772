package market

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseLags(t *testing.T) {
	tests := []struct {
		in      string
		want    []int
		wantErr string // substring; "" for success
	}{
		{in: "0", want: []int{0}},
		{in: "0:5", want: []int{0, 1, 2, 3, 4, 5}},
		{in: "0,1,3", want: []int{0, 1, 3}},
		{in: "-2:2", want: []int{-2, -1, 0, 1, 2}},
		{in: " 3, 0:2 ,1", want: []int{0, 1, 2, 3}},
		{in: "-3", want: []int{-3}},
		{in: "", wantErr: "empty"},
		{in: "x", wantErr: `bad lag "x"`},
		{in: "0:", wantErr: `bad lag "" in "0:"`},
		{in: "1,,2", wantErr: `bad lag "" in ""`},
		{in: "5:0", wantErr: `"5:0" runs backwards`},
		{in: "0:2:4", wantErr: `bad lag "2:4"`},
		{in: "0:100000", wantErr: "beyond"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseLags(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), `"`+tt.in+`"`) {
					t.Fatalf("err = %v, want one containing %s and naming %q", err, tt.wantErr, tt.in)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
