from django.contrib import admin
from django_otp.plugins.otp_totp.models import TOTPDevice

# django-otp's own admin shows each device's secret key and QR code: anyone who can open it
# could copy a colleague's authenticator. Administrators only need to see who has one and to
# remove a lost one (its owner then sets up a new one at the next sign-in).
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class AuthenticatorAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__username", "user__email", "name"]
    fields = list_display
    readonly_fields = list_display

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
