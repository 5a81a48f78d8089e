"""Merging one field across subgraphs: @override, @external, @shareable, arguments and the
`@join__field` rules."""

from collections.abc import Sequence

from graphql import print_ast

from router.composition.issues import human_list, subgraph_names
from router.composition.merge_override import FieldContext, OverrideChecks
from router.composition.subgraph import Field, InputValue, NamedType, has_applied
from router.composition.supergraph import Applied, SField, SInputValue, join_field


class FieldMerging(OverrideChecks):
    # -- the field itself ----------------------------------------------------------------
    def merge_field(
        self, sources: Sequence[Field | None], dest: SField, ctx: FieldContext, parent: str
    ) -> None:
        def external_everywhere(idx: int, source: Field | None) -> bool:
            if source is None:
                stand_ins = self.abstracted_by_interface_object(parent, dest.name, idx)
                return all(self.metas[idx].is_external(f) for f in stand_ins)
            return self.metas[idx].is_external(source)

        coordinate = f"{parent}.{dest.name}"
        if all(external_everywhere(i, s) for i, s in enumerate(sources)):
            defining = self.present(sources)
            self.error(
                "EXTERNAL_MISSING_ON_BASE",
                f'Field "{coordinate}" is marked @external on all the subgraphs in which it is'
                f" listed ({subgraph_names(defining)}).",
                defining,
                parent,
                dest.name,
            )
            dest.type = next(s.type for s in sources if s is not None)
            return
        without: list[Field | None] = []
        for idx, source in enumerate(sources):
            if source is None or not self.metas[idx].is_external(source):
                without.append(source)
                continue
            without.append(None)
            for d in source.directives:
                if self.merged_name(d) is not None:
                    self.error(
                        "MERGED_DIRECTIVE_APPLICATION_ON_EXTERNAL",
                        f"[{self.names[idx]}] Cannot apply merged directive {self.to_applied(d)}"
                        f' to external field "{coordinate}"',
                        [self.names[idx]],
                        parent,
                        dest.name,
                    )
        dest.description = self.merge_description([s.description if s else None for s in without])
        self.record_directives(without, dest.directives)
        self.merge_arguments(without, dest, parent)
        typed = without if any(s is not None for s in without) else list(sources)
        all_equal = self.merge_type_reference(
            typed, dest, coordinate, parent, dest.name, is_input=False
        )
        if any(s is not None and self.metas[i].is_external(s) for i, s in enumerate(sources)):
            self.validate_external_fields(sources, dest, all_equal, parent)
        self.add_join_field(sources, dest, all_equal, ctx, parent)

    def merge_arguments(self, sources: Sequence[Field | None], dest: SField, parent: str) -> None:
        coordinate = f"{parent}.{dest.name}"
        names: list[str] = []
        for source in sources:
            for arg in source.args if source is not None else ():
                if arg not in names:
                    names.append(arg)
        for arg in names:
            arg_sources = [s.args.get(arg) if s is not None else None for s in sources]
            arg_coordinate = f"{coordinate}({arg}:)"
            missing = [
                self.names[i] for i, s in enumerate(sources) if s is not None and arg not in s.args
            ]
            if missing:
                required = [
                    self.names[i]
                    for i, a in enumerate(arg_sources)
                    if a is not None and a.is_required
                ]
                if required:
                    self.error(
                        "REQUIRED_ARGUMENT_MISSING_IN_SOME_SUBGRAPH",
                        f'Argument "{arg_coordinate}" is required in some subgraphs but does not'
                        f" appear in all subgraphs: it is required in {subgraph_names(required)}"
                        f" but does not appear in {subgraph_names(missing)}",
                        required + missing,
                        parent,
                        dest.name,
                    )
                else:
                    self.hints.append(
                        f'Optional argument "{arg_coordinate}" will not be included in the'
                        " supergraph as it does not appear in all subgraphs"
                    )
                continue
            merged = SInputValue(arg)
            dest.args[arg] = merged
            merged.description = self.merge_description(
                [a.description if a else None for a in arg_sources]
            )
            self.record_directives(arg_sources, merged.directives)
            self.merge_type_reference(
                arg_sources,
                merged,
                arg_coordinate,
                parent,
                dest.name,
                is_input=True,
                is_argument=True,
            )
            self.merge_default_value(
                arg_sources, merged, "Argument", arg_coordinate, parent, dest.name
            )

    def validate_external_fields(
        self, sources: Sequence[Field | None], dest: SField, all_equal: bool, parent: str
    ) -> None:
        assert dest.type is not None
        coordinate = f"{parent}.{dest.name}"
        bad_type = False
        missing_args: list[str] = []
        for idx, source in enumerate(sources):
            if source is None or not self.metas[idx].is_external(source):
                continue
            if not (
                self.same_type(dest.type, source.type)
                or (not all_equal and self.is_strict_subtype(dest.type, source.type))
            ):
                bad_type = True
            missing_args.extend(
                a for a in dest.args if a not in source.args and a not in missing_args
            )
        if bad_type:
            self.mismatch_error(
                "EXTERNAL_TYPE_MISMATCH",
                f'Type of field "{coordinate}" is incompatible across subgraphs (where marked'
                " @external): it has ",
                [None if s is None else f'type "{print_ast(s.type)}"' for s in sources],
                f'type "{print_ast(dest.type)}"',
                parent,
                dest.name,
            )
        for arg in missing_args:
            without = [
                self.names[i] for i, s in enumerate(sources) if s is not None and arg not in s.args
            ]
            having = [
                self.names[i] for i, s in enumerate(sources) if s is not None and arg in s.args
            ]
            self.error(
                "EXTERNAL_ARGUMENT_MISSING",
                f'Field "{coordinate}" is missing argument "{coordinate}({arg}:)" in some subgraphs'
                f' where it is marked @external: argument "{coordinate}({arg}:)" is declared in'
                f" {subgraph_names(having)} but not in {subgraph_names(without)} (where"
                f' "{coordinate}" is @external).',
                having + without,
                parent,
                dest.name,
            )

    # -- @join__field ----------------------------------------------------------------------
    def needs_join_field(
        self,
        sources: Sequence[Field | InputValue | None],
        parent: str,
        all_equal: bool,
        ctx: FieldContext,
    ) -> bool:
        if not all_equal or ctx.used_overridden:
            return True
        for idx, source in enumerate(sources):
            if source is not None and idx not in ctx.unused_overridden:
                if isinstance(source, Field) and (
                    self.metas[idx].is_external(source)
                    or has_applied(source, "provides")
                    or has_applied(source, "requires")
                ):
                    return True
            elif self.subs[idx].type(parent) is not None:
                return True
        return False

    def add_join_field(
        self,
        sources: Sequence[Field | InputValue | None],
        dest: SField | SInputValue,
        all_equal: bool,
        ctx: FieldContext,
        parent: str,
    ) -> None:
        if not self.needs_join_field(sources, parent, all_equal, ctx):
            return
        for idx, source in enumerate(sources):
            if source is None or idx in ctx.unused_overridden:
                continue
            if isinstance(source, InputValue):
                dest.directives.append(
                    join_field(
                        self.graph_values[idx], type_=None if all_equal else print_ast(source.type)
                    )
                )
                continue
            overrides = [d.string_arg("from") for d in source.directives if d.fed == "override"]
            dest.directives.append(
                join_field(
                    self.graph_values[idx],
                    requires=self.field_set_arg(source, "requires"),
                    provides=self.field_set_arg(source, "provides"),
                    override=overrides[-1] if overrides else None,
                    type_=None if all_equal else print_ast(source.type),
                    external=self.metas[idx].is_external(source),
                    used_overridden=idx in ctx.used_overridden,
                )
            )

    # -- @shareable --------------------------------------------------------------------
    def validate_field_sharing(
        self, sources: Sequence[Field | None], dest: SField, ctx: FieldContext, parent: str
    ) -> None:
        shareable: list[str] = []
        non_shareable: list[tuple[int, str]] = []
        resolving: list[str] = []

        def categorize(idx: int, label: str, f: Field) -> None:
            meta = self.metas[idx]
            if meta.is_fully_external(f):
                return
            resolving.append(label)
            if meta.is_shareable(f):
                shareable.append(label)
            else:
                non_shareable.append((idx, label))

        for idx, source in enumerate(sources):
            label = f'"{self.names[idx]}"'
            if source is None:
                for f in self.abstracted_by_interface_object(parent, dest.name, idx):
                    categorize(idx, f'{label} (through @interfaceObject field "{f.coordinate}")', f)
            elif idx not in ctx.used_overridden and idx not in ctx.unused_overridden:
                categorize(idx, label, source)
        if not non_shareable or (not shareable and len(non_shareable) == 1):
            return
        coordinate = f"{parent}.{dest.name}"
        labels = [label for _, label in non_shareable]
        extra = ""
        typo = next((label for i, label in non_shareable if i in ctx.unknown_target), None)
        if typo is not None:
            extra = (
                f' (please note that "{coordinate}" has an @override directive in {typo} that'
                " targets an unknown subgraph so this could be due to misspelling the"
                " @override(from:) argument)"
            )
        self.error(
            "INVALID_FIELD_SHARING",
            f'Non-shareable field "{coordinate}" is resolved from multiple subgraphs: it is'
            f" resolved from {human_list(resolving, 'subgraph', 'subgraphs')} and defined as"
            " non-shareable in "
            + (human_list(labels, "subgraph", "subgraphs") if shareable else "all of them")
            + extra,
            [label.split('"')[1] for label in resolving],
            parent,
            dest.name,
        )

    def validate_subscription_field(
        self, sources: Sequence[Field | None], parent: str, name: str
    ) -> None:
        shared = [
            self.names[i]
            for i, s in enumerate(sources)
            if s is not None and has_applied(s, "shareable")
        ]
        if shared:
            self.error(
                "INVALID_FIELD_SHARING",
                "Fields on root level subscription object cannot be marked as shareable",
                shared,
                parent,
                name,
            )

    def copy_from_interface(self, itf_field: SField) -> SField:
        copied = SField(itf_field.name, itf_field.type, itf_field.description)
        copied.directives = [d for d in itf_field.directives if not d.is_join]
        for arg in itf_field.args.values():
            copied.args[arg.name] = SInputValue(
                arg.name,
                arg.type,
                arg.description,
                arg.default,
                [d for d in arg.directives if not d.is_join],
            )
        copied.directives.append(Applied("join__field"))
        return copied

    def provided_by_interface_object(self, interface: str, name: str) -> bool:
        for sub, meta in zip(self.subs, self.metas, strict=True):
            stand_in: NamedType | None = sub.type(interface)
            if (
                stand_in is not None
                and meta.is_interface_object(stand_in)
                and name in stand_in.fields
                and not meta.is_external(stand_in.fields[name])
            ):
                return True
        return False
