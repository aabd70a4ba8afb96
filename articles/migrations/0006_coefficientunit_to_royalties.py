from django.db import migrations


class Migration(migrations.Migration):
    """CoefficientUnit leaves for the royalties app (its 0001 takes the model over).

    The table is renamed, not recreated: every unit value stays, on PostgreSQL and SQLite.
    """

    dependencies = [
        ("articles", "0005_editors_list_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.AlterModelTable("CoefficientUnit", "royalties_coefficientunit")],
            state_operations=[migrations.DeleteModel("CoefficientUnit")],
        ),
    ]
