from rest_framework.routers import SimpleRouter

from sahakar.operations.api.views import InspectionViewSet, OperationViewSet

router = SimpleRouter()
router.register("operations", OperationViewSet)
router.register("inspections", InspectionViewSet)
urlpatterns = router.urls
