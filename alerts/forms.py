from django import forms
from django.utils.translation import gettext_lazy as _

from alerts.models import Frequency
from guidance.models import Theme


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Your email address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Frequency.choices,
        initial=Frequency.WEEKLY,
        widget=forms.RadioSelect,
    )
