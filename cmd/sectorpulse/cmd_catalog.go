package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

// NewCmdEntities builds `sectorpulse entities`.
func NewCmdEntities(f *Factory) *cobra.Command {
	cmd := groupCommand("entities", "List the entities the analyzers know")
	cmd.AddCommand(&cobra.Command{
		Use:     "list",
		Short:   "List the gazetteer's entities with their kind, tickers and sectors",
		Example: `  sectorpulse entities list | grep -i auto.ev`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			g, _, err := f.Knowledge()
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(f.IO.Out, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "name\tkind\ttickers\tsectors")
			for _, e := range g.Entities() {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", e.Name, e.Kind, orDash(strings.Join(e.Tickers, ",")), orDash(strings.Join(e.Sectors, ",")))
			}
			return tw.Flush()
		},
	})
	return cmd
}

// NewCmdSectors builds `sectorpulse sectors`.
func NewCmdSectors(f *Factory) *cobra.Command {
	cmd := groupCommand("sectors", "List the sector taxonomy")
	cmd.AddCommand(&cobra.Command{
		Use:     "list",
		Short:   "List sector ids with their Hang Seng Industry Classification and GICS mapping",
		Example: `  sectorpulse sectors list`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, t, err := f.Knowledge()
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(f.IO.Out, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "id\tname\thsics\tgics")
			for _, s := range t.Sectors() {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", s.ID, s.Name, orDash(s.HSICS), orDash(s.GICS))
			}
			return tw.Flush()
		},
	})
	return cmd
}
