"""A queryset compiled to SQL once per process, then run again with new parameter values.

Django builds and compiles a queryset on every call. For the article page's lookup (a
dozen columns with their translations, the "published" conditions) that is about half a
millisecond, a fifth of the whole uncached page, though only the slug and the time change
from one request to the next. `CompiledQuery` compiles the queryset once, with marker
values in place of the parameters that change, then runs the same SQL with the real values
in their places and builds the instance as the ORM does (the backend's converters, then
`Model.from_db`: the same instance, the same deferred columns).

Only for lookups whose SQL does not depend on anything but these parameters (not on the
language, the user or settings changed at run time); the tests compare its answers with
the ORM's.
"""

from django.db import connections


class CompiledQuery:
    def __init__(self, build, **markers):
        """`build(**values)` returns the queryset; `markers` are sample values, one per parameter,
        each distinct from any other value of the query (they are found in its parameters)."""
        self.build = build
        self.markers = markers
        self._compiled = {}

    def _compile(self, alias):
        queryset = self.build(**self.markers).order_by()[:1]
        compiler = queryset.query.get_compiler(alias)
        sql, params = compiler.as_sql()
        params = list(params)
        connection = connections[alias]
        positions = {}
        for name, marker in self.markers.items():
            prepared = self._prepare(queryset.model, name, marker, connection)
            found = [index for index, value in enumerate(params) if value == prepared]
            if len(found) != 1:
                raise ValueError(f"the marker for {name!r} is not exactly one parameter of the query")
            positions[name] = found[0]
        # As Django's ModelIterable: the selected columns are the model's own, in field order,
        # turned into model instances by from_db() after the backend's converters.
        columns = [column for column, _sql, _alias in compiler.select]
        if any(getattr(column, "target", None) is None or column.target.model is not queryset.model
               for column in columns):
            raise ValueError("only a model's own columns can be compiled (no select_related, no annotations)")
        names = [column.target.attname for column in columns]
        converters = compiler.get_converters(columns)
        return queryset.model, compiler, sql, params, positions, names, converters

    @staticmethod
    def _prepare(model, name, value, connection):
        try:
            field = model._meta.get_field(name)
        except Exception:
            return value
        return field.get_db_prep_value(value, connection, prepared=False)

    def first(self, using="default", **values):
        """The first row for these values, as a model instance, or None."""
        compiled = self._compiled.get(using)
        if compiled is None:
            compiled = self._compiled[using] = self._compile(using)
        model, compiler, sql, params, positions, names, converters = compiled
        params = list(params)
        connection = connections[using]
        for name, value in values.items():
            params[positions[name]] = self._prepare(model, name, value, connection)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        if row is None:
            return None
        if converters:
            row = next(compiler.apply_converters([row], converters))
        return model.from_db(using, names, row)
