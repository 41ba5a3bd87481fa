# The in-app notifications and the outbox moved to the notices app. Only Django's idea of
# which app owns them changes: the tables, their names and their rows stay as they are.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_totpdevice'),
        ('notices', '0001_move_from_accounts'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='Notification'),
                migrations.DeleteModel(name='OutboundEmail'),
            ],
            database_operations=[],
        ),
    ]
