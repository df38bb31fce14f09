from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class PreferenceForm(forms.Form):
    email = forms.BooleanField(label=_("Nhận thông báo qua thư điện tử"), required=False)
    sms = forms.BooleanField(label=_("Nhận thông báo qua tin nhắn SMS"), required=False)
    language = forms.ChoiceField(
        label=_("Ngôn ngữ của thư và tin nhắn"), choices=settings.LANGUAGES
    )
