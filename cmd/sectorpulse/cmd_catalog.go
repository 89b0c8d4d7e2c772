package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/sectorpulse/sectorpulse"
	"github.com/sectorpulse/sectorpulse/sentiment"
	"github.com/sectorpulse/sectorpulse/store"
	"github.com/spf13/cobra"
)

// NewCmdEntities builds `sectorpulse entities`.
func NewCmdEntities(f *Factory) *cobra.Command {
	cmd := groupCommand("entities", "List the entities the analyzers know, or add your own")
	cmd.AddCommand(NewCmdEntitiesList(f, nil), NewCmdEntitiesAdd(f, nil))
	return cmd
}

// EntitiesListOptions are the options of `sectorpulse entities list`.
type EntitiesListOptions struct {
	IO        *IOStreams
	Knowledge func() (*sentiment.Gazetteer, *sentiment.Taxonomy, error)
	// OriginOf says where an entity came from: builtin, config or user.
	OriginOf func(name string) string

	// Origin keeps the entities of one origin: builtin, config, user or
	// all.
	Origin string
	// Format is table or jsonl.
	Format string
}

// NewCmdEntitiesList builds `sectorpulse entities list`.
func NewCmdEntitiesList(f *Factory, runF func(*EntitiesListOptions) error) *cobra.Command {
	opts := &EntitiesListOptions{IO: f.IO, Knowledge: f.Knowledge, OriginOf: f.entityOrigin}
	cmd := &cobra.Command{
		Use:   "list [--origin builtin|config|user|all] [--format table|jsonl]",
		Short: "List the gazetteer's entities with their kind, tickers, sectors and origin",
		Long: `List prints the entities the analyzers recognise. origin is builtin (shipped
with sectorpulse), config (from an entities file the config file names) or user
(added with 'sectorpulse entities add', kept in the database).`,
		Example: `  sectorpulse entities list | grep -i auto.ev
  sectorpulse entities list --origin user --format jsonl`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			switch opts.Origin {
			case "all", originBuiltin, originConfig, originUser:
			default:
				return usageErr("--origin %q: want builtin, config, user or all", opts.Origin)
			}
			switch opts.Format {
			case "table", "jsonl":
			default:
				return usageErr("--format %q: want table or jsonl", opts.Format)
			}
			if runF != nil {
				return runF(opts)
			}
			return entitiesListRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Origin, "origin", "all", "list only entities of this origin: builtin, config, user or all")
	cmd.Flags().StringVar(&opts.Format, "format", "table", "output format: table or jsonl")
	return cmd
}

// entityJSON is one line of `entities list --format jsonl`.
type entityJSON struct {
	Name    string   `json:"name"`
	Kind    string   `json:"kind"`
	Aliases []string `json:"aliases"`
	Tickers []string `json:"tickers"`
	Sectors []string `json:"sectors"`
	Origin  string   `json:"origin"`
}

func entitiesListRun(opts *EntitiesListOptions) error {
	g, _, err := opts.Knowledge()
	if err != nil {
		return err
	}
	if opts.Format == "jsonl" {
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetEscapeHTML(false)
		for _, e := range g.Entities() {
			origin := opts.OriginOf(e.Name)
			if opts.Origin != "all" && origin != opts.Origin {
				continue
			}
			line := entityJSON{Name: e.Name, Kind: string(e.Kind), Aliases: orEmpty(e.Aliases), Tickers: orEmpty(e.Tickers),
				Sectors: orEmpty(e.Sectors), Origin: origin}
			if err := enc.Encode(line); err != nil {
				return fmt.Errorf("entities list: %w", err)
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(opts.IO.Out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "name\tkind\ttickers\tsectors\torigin")
	for _, e := range g.Entities() {
		origin := opts.OriginOf(e.Name)
		if opts.Origin != "all" && origin != opts.Origin {
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", e.Name, e.Kind, orDash(strings.Join(e.Tickers, ",")),
			orDash(strings.Join(e.Sectors, ",")), origin)
	}
	return tw.Flush()
}

// orEmpty returns s, or an empty list for nil so that JSON shows [].
func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// EntitiesAddOptions are the options of `sectorpulse entities add`.
type EntitiesAddOptions struct {
	IO     *IOStreams
	Store  func(context.Context) (*store.DB, error)
	Logger func() *slog.Logger
	// Knowledge returns the gazetteer, with the database's user entities,
	// once Store has opened the database.
	Knowledge func() (*sentiment.Gazetteer, *sentiment.Taxonomy, error)

	// Entity is the entity to add.
	Entity sectorpulse.Entity
}

// NewCmdEntitiesAdd builds `sectorpulse entities add`.
func NewCmdEntitiesAdd(f *Factory, runF func(*EntitiesAddOptions) error) *cobra.Command {
	opts := &EntitiesAddOptions{IO: f.IO, Store: f.Store, Logger: f.Logger, Knowledge: f.Knowledge}
	var kind string
	cmd := &cobra.Command{
		Use:   "add NAME --kind company|organization|person|product|other [--alias A]... [--ticker T]... [--sector ID]...",
		Short: "Add an entity of your own to the database, for every later analysis",
		Long: `Add stores an entity in the database (origin user). From then on analyze, run
and score (which reads the database without creating it) recognise it by its
name, aliases and tickers. The name, aliases and tickers must not name another
entity, and each sector must be an id of the taxonomy ('sectorpulse sectors
list'). Adding the same entity again changes nothing.

As the entities are part of the lexicon analyzer's prompt version, the next
analyze scores every stored article again.`,
		Example: `  sectorpulse entities add "Horizon Robotics" --kind company --alias 地平线 --ticker 9660.HK --sector tech.ai --sector auto.ev
  sectorpulse entities add "Lei Jun" --kind person --alias 雷军`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			e, err := entityFromFlags(args[0], kind, opts.Entity)
			if err != nil {
				return err
			}
			opts.Entity = e
			if runF != nil {
				return runF(opts)
			}
			return entitiesAddRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&kind, "kind", "", "the entity's kind: company, organization, person, product or other (required)")
	fl.StringArrayVar(&opts.Entity.Aliases, "alias", nil, "another `NAME` it goes by (repeatable)")
	fl.StringArrayVar(&opts.Entity.Tickers, "ticker", nil, "a `TICKER` it is listed under, e.g. 0700.HK (repeatable; first = primary)")
	fl.StringArrayVar(&opts.Entity.Sectors, "sector", nil, "a sector `ID` it belongs to, e.g. tech.ai (repeatable)")
	return cmd
}

// entityFromFlags checks the arguments of `entities add` and returns the
// entity they describe, trimmed and without repeated values.
func entityFromFlags(name, kind string, lists sectorpulse.Entity) (sectorpulse.Entity, error) {
	e := sectorpulse.Entity{Name: strings.TrimSpace(name), Kind: sectorpulse.EntityKind(strings.ToLower(strings.TrimSpace(kind)))}
	if e.Name == "" {
		return e, usageErr("entities add: empty NAME")
	}
	switch e.Kind {
	case "":
		return e, usageErr("entities add %q: --kind is required: company, organization, person, product or other", e.Name)
	case sectorpulse.KindCompany, sectorpulse.KindOrganization, sectorpulse.KindPerson, sectorpulse.KindProduct, sectorpulse.KindOther:
	default:
		return e, usageErr("entities add %q: --kind %q: want company, organization, person, product or other", e.Name, kind)
	}
	clean := func(flag string, vs []string) ([]string, error) {
		var out []string
		for _, v := range vs {
			v = strings.TrimSpace(v)
			if v == "" {
				return nil, usageErr("entities add %q: empty --%s", e.Name, flag)
			}
			if !slices.Contains(out, v) {
				out = append(out, v)
			}
		}
		return out, nil
	}
	var err error
	if e.Aliases, err = clean("alias", lists.Aliases); err != nil {
		return e, err
	}
	if e.Tickers, err = clean("ticker", lists.Tickers); err != nil {
		return e, err
	}
	if e.Sectors, err = clean("sector", lists.Sectors); err != nil {
		return e, err
	}
	return e, nil
}

func entitiesAddRun(ctx context.Context, opts *EntitiesAddOptions) error {
	e := opts.Entity
	// The database first, so that the gazetteer holds its user entities.
	db, err := opts.Store(ctx)
	if err != nil {
		return err
	}
	g, t, err := opts.Knowledge()
	if err != nil {
		return err
	}
	for _, id := range e.Sectors {
		if _, ok := t.Lookup(id); !ok {
			return usageErr("entities add %q: --sector %q is not in the taxonomy; nearest: %s (see 'sectorpulse sectors list')",
				e.Name, id, strings.Join(nearestIDs(id, t.IDs(), 3), ", "))
		}
	}
	log := opts.Logger()
	if have, ok := g.Lookup(e.Name); ok && strings.EqualFold(have.Name, e.Name) {
		if sameEntity(have, e) {
			log.Info("already known; nothing stored", "entity", have.Name)
			return nil
		}
		return usageErr("entities add %q: an entity of that name exists with other fields (kind %s, aliases [%s], tickers [%s], sectors [%s]); give the same fields or another name",
			e.Name, have.Kind, strings.Join(have.Aliases, ", "), strings.Join(have.Tickers, ", "), strings.Join(have.Sectors, ", "))
	}
	if err := g.Add(e); err != nil {
		return asUsage(err)
	}
	if err := db.SaveEntities(ctx, []sectorpulse.Entity{e}, store.OriginUser); err != nil {
		return fmt.Errorf("entities add %q: %w", e.Name, err)
	}
	log.Info("entity added; the next analyze scores stored articles again", "entity", e.Name, "kind", e.Kind,
		"aliases", len(e.Aliases), "tickers", len(e.Tickers), "sectors", len(e.Sectors), "database", db.Path())
	return nil
}

// nearestIDs returns up to n of ids nearest to id: those that share its
// first dotted segment or contain it come first, then by edit distance.
func nearestIDs(id string, ids []string, n int) []string {
	type cand struct {
		id   string
		rank int
	}
	head, _, _ := strings.Cut(strings.ToLower(id), ".")
	cs := make([]cand, 0, len(ids))
	for _, c := range ids {
		rank := editDistance(strings.ToLower(id), strings.ToLower(c))
		if h, _, _ := strings.Cut(strings.ToLower(c), "."); h == head || strings.Contains(strings.ToLower(c), strings.ToLower(id)) {
			rank -= 100
		}
		cs = append(cs, cand{c, rank})
	}
	slices.SortStableFunc(cs, func(a, b cand) int { return a.rank - b.rank })
	out := make([]string, 0, n)
	for _, c := range cs[:min(n, len(cs))] {
		out = append(out, c.id)
	}
	return out
}

// editDistance is the Levenshtein distance of a and b in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// SectorsListOptions are the options of `sectorpulse sectors list`.
type SectorsListOptions struct {
	IO       *IOStreams
	Taxonomy func() (*sentiment.Taxonomy, error)
}

// NewCmdSectors builds `sectorpulse sectors`.
func NewCmdSectors(f *Factory) *cobra.Command {
	cmd := groupCommand("sectors", "List the sector taxonomy")
	cmd.AddCommand(NewCmdSectorsList(f, nil))
	return cmd
}

// NewCmdSectorsList builds `sectorpulse sectors list`.
func NewCmdSectorsList(f *Factory, runF func(*SectorsListOptions) error) *cobra.Command {
	opts := &SectorsListOptions{IO: f.IO, Taxonomy: f.Taxonomy}
	return &cobra.Command{
		Use:   "list",
		Short: "List sector ids with their parent, Hang Seng Industry Classification and GICS mapping",
		Long: `List prints the taxonomy in file order: the built-in one, or the file the
config file's taxonomy key names. parent is the broader sector a sector
belongs to, - for a top-level sector.`,
		Example: `  sectorpulse sectors list`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return sectorsListRun(opts)
		},
	}
}

func sectorsListRun(opts *SectorsListOptions) error {
	t, err := opts.Taxonomy()
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(opts.IO.Out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "id\tname\tparent\thsics\tgics")
	for _, s := range t.Sectors() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", s.ID, s.Name, orDash(s.Parent), orDash(s.HSICS), orDash(s.GICS))
	}
	return tw.Flush()
}
